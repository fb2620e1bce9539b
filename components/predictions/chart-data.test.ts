import { describe, expect, it } from "vitest";
import type { PredictionCheck } from "@/lib/predict/schemas";
import { cumulativeChart, dateLabel, dayNumber, frequencyChart, valueBars } from "./chart-data";

const CHECK: NonNullable<PredictionCheck> = {
  calibrationEnd: "2026-06-30",
  holdoutEnd: "2026-12-04",
  holdoutDays: 157,
  params: { r: 0.25, alpha: 31.2, a: 0.8, b: 2.5 },
  byFrequency: [
    { repeatPurchases: 0, orMore: false, customers: 200, predicted: 0.25, actual: 0.23 },
    { repeatPurchases: 1, orMore: false, customers: 0, predicted: 0, actual: 0 },
    { repeatPurchases: 7, orMore: true, customers: 8, predicted: 3.75, actual: 4.25 },
  ],
  cumulative: [
    { date: "2026-01-05", predicted: 0, actual: 0 },
    { date: "2026-01-12", predicted: 3.25, actual: 4 },
    { date: "2026-07-06", predicted: 120.04, actual: 118 },
  ],
  totalPredicted: 80,
  totalActual: 80,
};

describe("frequencyChart", () => {
  it("shows each bucket's holdout purchases per customer (stored as means), the last as 7+", () => {
    const chart = frequencyChart(CHECK);
    expect(chart.labels).toEqual(["0", "1", "7+"]);
    expect(chart.series.map((s) => s.name)).toEqual(["Actual", "Predicted"]);
    expect(chart.series[0].values).toEqual([0.23, 0, 4.25]);
    expect(chart.series[1].values).toEqual([0.25, 0, 3.75]);
    expect(chart.series[1].displays).toEqual(["0.25", "0.00", "3.75"]);
  });
});

describe("cumulativeChart", () => {
  it("puts weeks and the calibration end on one day axis", () => {
    const { points, markerDay } = cumulativeChart(CHECK);
    expect(points.map((p) => p.day - points[0].day)).toEqual([0, 7, 182]);
    expect(markerDay - points[0].day).toBe(176);
    expect(points[1]).toMatchObject({ label: "12 Jan 2026", predicted: 3.25, actual: 4, predictedDisplay: "3.3", actualDisplay: "4" });
    expect(dayNumber("1970-01-02")).toBe(1);
    expect(dateLabel("2026-12-04")).toBe("4 Dec 2026");
  });
});

describe("valueBars", () => {
  it("labels value ranges in money with each range's customers and share", () => {
    const bars = valueBars({ value12m: [{ lo: 0, hi: 50, customers: 30 }, { lo: 50, hi: 1500, customers: 10 }], churnRisk: { low: 1, medium: 2, high: 3 }, totalValue12m: 5000 });
    expect(bars).toEqual([
      { label: "$0–$50", value: 30, display: "30", extra: ["75%"] },
      { label: "$50–$1.5K", value: 10, display: "10", extra: ["25%"] },
    ]);
  });
});
