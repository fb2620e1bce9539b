import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import { AppError } from "@/lib/errors";
import { describeReason, guessFieldType, mappingFromHeaders, proposeMapping, SUGGESTION_THRESHOLD } from "./mapping";
import { levenshtein, similarity, words } from "./similarity";
import { targetsFor, type ImportType } from "./targets";

const catalog = buildCatalog([
  { key: "loyalty_points", label: "Loyalty points", type: "number" },
  { key: "preferred_device", label: "Preferred device", type: "select", options: [{ key: "mobile", label: "Mobile" }] },
]);

function proposals(type: ImportType, headers: string[]): Record<string, string | null> {
  return Object.fromEntries(proposeMapping(headers, targetsFor(type, catalog), type).map((p) => [headers[p.index], p.target]));
}

describe("similarity", () => {
  it("splits headers into words and measures edit distance", () => {
    expect(words("Email_Address")).toEqual(["email", "address"]);
    expect(words("firstName")).toEqual(["first", "name"]);
    expect(words("NumWebVisitsMonth")).toEqual(["num", "web", "visits", "month"]);
    expect(words("Ünïcode Naïve")).toEqual(["unicode", "naive"]);
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(similarity("E-mail", "email")).toBe(1);
    expect(similarity("Fist name", "firstName")).toBeGreaterThan(0.8);
    expect(similarity("Year_Birth", "birthDate")).toBeLessThan(0.8);
  });
});

describe("proposeMapping", () => {
  it("maps common customer headers by name, label and alias", () => {
    expect(
      proposals("customers", ["Email Address", "First name", "Last Name", "Phone number", "Company Name", "Date of birth", "Customer ID", "Loyalty Points", "preferred_device", "Shoe size"]),
    ).toEqual({
      "Email Address": "email",
      "First name": "firstName",
      "Last Name": "lastName",
      "Phone number": "phone",
      "Company Name": "company",
      "Date of birth": "birthDate",
      "Customer ID": "externalId",
      "Loyalty Points": "custom.loyalty_points",
      preferred_device: "custom.preferred_device",
      "Shoe size": null,
    });
  });

  it("proposes the marketing_campaign.csv columns it can place, and leaves the rest unmapped", () => {
    const headers = ["ID", "Year_Birth", "Education", "Marital_Status", "Income", "Kidhome", "Dt_Customer", "Recency", "MntWines", "Response"];
    expect(proposals("customers", headers)).toEqual({
      ID: "externalId", Year_Birth: null, Education: "education", Marital_Status: "maritalStatus", Income: "income",
      Kidhome: null, Dt_Customer: "signedUpAt", Recency: null, MntWines: null, Response: null,
    });
  });

  it("never suggests a standard field from a weak name match (issue 10: Channels is not Source)", () => {
    expect(proposals("customers", ["Channels", "Sources", "Emial", "Countries", "Lead source"])).toEqual({
      Channels: null, Sources: null, Emial: null, Countries: null, "Lead source": "source",
    });
    const [channels] = proposeMapping(["Channels"], targetsFor("customers", catalog), "customers");
    expect(channels.reason).toBeNull();
  });

  it("maps Points, Tier and VIP to custom fields by key or label, saying why", () => {
    const withFields = buildCatalog([
      { key: "loyalty_points", label: "Loyalty points", type: "number" },
      { key: "tier", label: "Loyalty tier", type: "select", options: [{ key: "gold", label: "Gold" }] },
      { key: "is_vip", label: "VIP", type: "boolean" },
      { key: "favorite_category", label: "Favourite category", type: "text" },
    ]);
    const headers = ["Email", "Points", "Tier", "VIP", "Favorite categroy", "Channels"];
    const result = proposeMapping(headers, targetsFor("customers", withFields), "customers");
    expect(result.map((p) => p.target)).toEqual(["email", "custom.loyalty_points", "custom.tier", "custom.is_vip", "custom.favorite_category", null]);
    expect(result.map((p) => (p.reason ? describeReason(p.reason) : null))).toEqual([
      "Same name",
      "Part of the label of custom field Loyalty points",
      "Matches the key of custom field Loyalty tier",
      "Matches the label of custom field VIP",
      "Similar to Favourite category, 88%",
      null,
    ]);
    expect(result[4].score).toBeGreaterThanOrEqual(SUGGESTION_THRESHOLD);
  });

  it("leaves a column under the threshold unmapped and names its nearest field", () => {
    const [row] = proposeMapping(["Loyalty pnts balance"], targetsFor("customers", catalog), "customers");
    expect(row.target).toBeNull();
    expect(row.nearest?.label).toBe("Loyalty points");
    expect(row.nearest!.score).toBeLessThan(SUGGESTION_THRESHOLD);
  });

  it("explains alias matches", () => {
    const [mail, dob] = proposeMapping(["Mail", "DOB"], targetsFor("customers", catalog), "customers");
    expect(mail.target).toBe("email");
    expect(describeReason(mail.reason!)).toBe("“mail” is a usual name for Email");
    expect(describeReason(dob.reason!)).toBe("“dob” is a usual name for Birth date");
  });

  it("gives each target to one column only, the most similar", () => {
    const p = proposals("customers", ["Mail", "Email"]);
    expect(p).toEqual({ Mail: null, Email: "email" });
  });

  it("maps order and event files, event leftovers becoming properties", () => {
    expect(proposals("orders", ["customer_id", "order_date", "revenue", "first_name", "email"])).toEqual({
      customer_id: "customerExternalId", order_date: "placedAt", revenue: "total", first_name: null, email: "customerEmail",
    });
    expect(proposals("orders", ["Order Number", "SKU", "Product", "Qty", "Unit price", "Status"])).toEqual({
      "Order Number": "orderId", SKU: "itemSku", Product: "itemName", Qty: "itemQuantity", "Unit price": "itemUnitPrice", Status: "status",
    });
    expect(proposals("events", ["user_email", "event", "timestamp", "page url"])).toEqual({
      user_email: "customerEmail", event: "name", timestamp: "occurredAt", "page url": "properties.page_url",
    });
  });
});

describe("mappingFromHeaders", () => {
  const targets = targetsFor("customers", catalog);
  it("maps headers equal to target keys when no mapping file is given", () => {
    expect(mappingFromHeaders(["email", "First name", "custom.loyalty_points", "age"], targets, "customers")).toEqual([
      { index: 0, target: "email" },
      { index: 2, target: "custom.loyalty_points" },
    ]);
  });

  it("follows a mapping file (null or empty skips) and names headers the file lacks", () => {
    const headers = ["ID", "Mail", "Extra"];
    expect(mappingFromHeaders(headers, targets, "customers", { Mail: "email", ID: "externalId", Extra: "" })).toEqual([
      { index: 1, target: "email" },
      { index: 0, target: "externalId" },
    ]);
    expect(() => mappingFromHeaders(headers, targets, "customers", { Email: "email" })).toThrow(AppError);
    expect(() => mappingFromHeaders(headers, targets, "customers", { Email: "email" })).toThrow(/columns the file does not have: "Email"/);
    expect(() => mappingFromHeaders(["a", "a"], targets, "customers", { a: "email" })).toThrow(/more than one column named "a"/);
  });
});

describe("guessFieldType", () => {
  it("guesses from the values", () => {
    expect(guessFieldType(["0", "1", "1", "0"]).type).toBe("boolean");
    expect(guessFieldType(["yes", "No", ""]).type).toBe("boolean");
    expect(guessFieldType(["0", "1", "2"]).type).toBe("number");
    expect(guessFieldType(["1957", "1954.5", "-3"]).type).toBe("number");
    expect(guessFieldType(["54,700", "54 700", "1,234.50"]).type).toBe("number");
    expect(guessFieldType(["04-09-2012", "21-08-2013"]).type).toBe("date");
    expect(guessFieldType(["Ada", "Grace", "Alan", "Linus"]).type).toBe("text");
    expect(guessFieldType([]).type).toBe("text");
  });

  it("makes select and multiselect fields with options from a small vocabulary", () => {
    const select = guessFieldType(["Graduation", "PhD", "Master", "2n Cycle", "PhD", "graduation", "Basic", "Master"]);
    expect(select.type).toBe("select");
    expect(select.options).toEqual([
      { key: "2n_cycle", label: "2n Cycle" },
      { key: "basic", label: "Basic" },
      { key: "graduation", label: "Graduation" },
      { key: "master", label: "Master" },
      { key: "phd", label: "PhD" },
    ]);
    const multi = guessFieldType(["running;yoga", "yoga", "chess; running", "yoga;chess"]);
    expect(multi).toEqual({ type: "multiselect", options: [{ key: "chess", label: "chess" }, { key: "running", label: "running" }, { key: "yoga", label: "yoga" }] });
  });
});
