/**
 * What the fitted parameters mean, in sentences a marketer reads (the Predictions page). Pure.
 *
 * BG/NBD (Fader, Hardie and Lee 2005), time in days: while active, a customer buys at a rate
 * λ ~ Gamma(shape r, rate α) — mean r/α, coefficient of variation 1/√r; after each repeat
 * purchase they stop for good with probability p ~ Beta(a, b) — mean a/(a+b), standard deviation
 * √(mean·(1−mean)/(a+b+1)). Gamma-Gamma (Fader and Hardie 2013): a customer's spend per purchase
 * day z ~ Gamma(p, ν), so it varies around their own mean p/ν with coefficient of variation 1/√p;
 * ν ~ Gamma(q, v), so the customers' own means p/ν have mean v·p/(q−1) (q > 1) and coefficient of
 * variation 1/√(q−2) (q > 2).
 */
import { formatMoney } from "@/lib/format";
import type { PredictionParams } from "@/lib/predict/schemas";

/** One parameter: its symbol, value as shown, and what it says. */
export interface ParameterReading {
  symbol: string;
  value: string;
  sentence: string;
}

/** A parameter's value to 4 significant digits ("0.2426", "4.414", "15.45"). */
export function formatParameter(value: number): string {
  return new Intl.NumberFormat("en-US", { maximumSignificantDigits: 4 }).format(value);
}

const percent = (share: number) => new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: share < 0.1 ? 1 : 0 }).format(share);

/** A number of days in words: "18 days", "about 4 months" past 60 days, "about 2.1 years" past 2 years. */
export function formatDays(days: number): string {
  if (days >= 730) return `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(days / 365.25)} years`;
  if (days > 60) return `${Math.round(days / 30.44)} months`;
  return days >= 10 ? `${Math.round(days)} days` : `${new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 }).format(days)} days`;
}

/** A coefficient of variation as "40 % of" or, from 1, "2.0 times". */
function relative(cv: number): string {
  return cv >= 1 ? `${cv.toFixed(1)} times` : `${percent(cv)} of`;
}

/** How different customers are, from a coefficient of variation. */
function spreadWord(cv: number): string {
  return cv < 0.35 ? "little" : cv < 0.8 ? "moderately" : "a lot";
}

/** The BG/NBD readings: purchase rate (r, α) and dropout (a, b). */
export function bgNbdReadings(params: Pick<PredictionParams["bgnbd"], "r" | "alpha" | "a" | "b">): ParameterReading[] {
  const { r, alpha, a, b } = params;
  const dropout = a / (a + b);
  const dropoutSd = Math.sqrt((dropout * (1 - dropout)) / (a + b + 1));
  return [
    {
      symbol: "r",
      value: formatParameter(r),
      sentence: `Customers differ ${spreadWord(1 / Math.sqrt(r))} in how often they buy: the spread of their purchase rates is about ${relative(1 / Math.sqrt(r))} the average (1/√r).`,
    },
    {
      symbol: "α",
      value: formatParameter(alpha),
      sentence: `While still active, an average customer buys about once every ${formatDays(alpha / r)} (α/r, in days).`,
    },
    {
      symbol: "a",
      value: formatParameter(a),
      sentence: `After each repeat purchase, about ${percent(dropout)} of customers stop buying for good (a/(a+b)).`,
    },
    {
      symbol: "b",
      value: formatParameter(b),
      sentence: `That chance differs between customers by about ±${Math.round(dropoutSd * 100)} percentage points (the larger a+b, the more alike they are).`,
    },
  ];
}

/** The Gamma-Gamma readings: spend per purchase day (p, q, v), in the workspace's currency. */
export function gammaGammaReadings(params: Pick<PredictionParams["gammaGamma"], "p" | "q" | "v">, currency = "USD"): ParameterReading[] {
  const { p, q, v } = params;
  return [
    {
      symbol: "p",
      value: formatParameter(p),
      sentence: `One customer's purchase days vary around their own average by about ±${percent(1 / Math.sqrt(p))} (1/√p).`,
    },
    {
      symbol: "q",
      value: formatParameter(q),
      sentence:
        q > 2
          ? `Customers' own averages differ from one another by about ±${percent(1 / Math.sqrt(q - 2))} (1/√(q−2)).`
          : "Customers' own averages differ so widely that their spread has no finite size (q is 2 or less): a few customers spend far more per purchase day than the rest.",
    },
    {
      symbol: "v",
      value: formatParameter(v),
      sentence:
        q > 1
          ? `An average purchase day is worth about ${formatMoney((v * p) / (q - 1), currency)} (v·p/(q−1)).`
          : "The model finds no finite average value of a purchase day (q is 1 or less): predicted values lean on each customer's own spending.",
    },
  ];
}
