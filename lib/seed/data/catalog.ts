/**
 * Reference data for the generator: the product catalog and the value lists of the
 * standard customer fields. Keys are lower-case and stable; they are what the database stores.
 */

export type Product = { sku: string; name: string; priceCents: number };
export type ProductCategory = { key: string; label: string; weight: number; products: readonly Product[] };

export const PRODUCT_CATEGORIES: readonly ProductCategory[] = [
  {
    key: "electronics", label: "Electronics", weight: 14,
    products: [
      { sku: "EL-101", name: "Wireless Earbuds", priceCents: 7999 },
      { sku: "EL-102", name: "Smartwatch", priceCents: 19900 },
      { sku: "EL-103", name: "Bluetooth Speaker", priceCents: 5900 },
      { sku: "EL-104", name: "USB-C Charger", priceCents: 2499 },
      { sku: "EL-105", name: "Noise-Cancelling Headphones", priceCents: 27900 },
      { sku: "EL-106", name: "E-Reader", priceCents: 12999 },
    ],
  },
  {
    key: "fashion", label: "Fashion", weight: 20,
    products: [
      { sku: "FA-201", name: "Cotton T-Shirt", priceCents: 1999 },
      { sku: "FA-202", name: "Slim Jeans", priceCents: 5900 },
      { sku: "FA-203", name: "Wool Sweater", priceCents: 7900 },
      { sku: "FA-204", name: "Running Sneakers", priceCents: 8999 },
      { sku: "FA-205", name: "Rain Jacket", priceCents: 11900 },
      { sku: "FA-206", name: "Leather Belt", priceCents: 3499 },
    ],
  },
  {
    key: "home_garden", label: "Home & Garden", weight: 12,
    products: [
      { sku: "HG-301", name: "Scented Candle", priceCents: 1899 },
      { sku: "HG-302", name: "Linen Bedding Set", priceCents: 12900 },
      { sku: "HG-303", name: "Chef's Knife", priceCents: 6900 },
      { sku: "HG-304", name: "Ceramic Planter", priceCents: 2999 },
      { sku: "HG-305", name: "Robot Vacuum", priceCents: 29900 },
      { sku: "HG-306", name: "Garden Hose", priceCents: 3999 },
    ],
  },
  {
    key: "beauty", label: "Beauty", weight: 13,
    products: [
      { sku: "BE-401", name: "Face Serum", priceCents: 3499 },
      { sku: "BE-402", name: "Moisturizer", priceCents: 2499 },
      { sku: "BE-403", name: "Perfume", priceCents: 8900 },
      { sku: "BE-404", name: "Lipstick", priceCents: 1999 },
      { sku: "BE-405", name: "Hair Dryer", priceCents: 9900 },
    ],
  },
  {
    key: "sports_outdoors", label: "Sports & Outdoors", weight: 10,
    products: [
      { sku: "SO-501", name: "Yoga Mat", priceCents: 2999 },
      { sku: "SO-502", name: "Dumbbell Set", priceCents: 8900 },
      { sku: "SO-503", name: "Hiking Backpack", priceCents: 10900 },
      { sku: "SO-504", name: "Camping Tent", priceCents: 19900 },
      { sku: "SO-505", name: "Water Bottle", priceCents: 1599 },
    ],
  },
  {
    key: "books", label: "Books", weight: 10,
    products: [
      { sku: "BO-601", name: "Bestselling Novel", priceCents: 1499 },
      { sku: "BO-602", name: "Cookbook", priceCents: 2999 },
      { sku: "BO-603", name: "Travel Guide", priceCents: 2199 },
      { sku: "BO-604", name: "Business Handbook", priceCents: 3499 },
      { sku: "BO-605", name: "Children's Picture Book", priceCents: 1299 },
    ],
  },
  {
    key: "toys_games", label: "Toys & Games", weight: 8,
    products: [
      { sku: "TG-701", name: "Building Blocks Set", priceCents: 4999 },
      { sku: "TG-702", name: "Board Game", priceCents: 3499 },
      { sku: "TG-703", name: "Jigsaw Puzzle", priceCents: 1999 },
      { sku: "TG-704", name: "Remote Control Car", priceCents: 5999 },
      { sku: "TG-705", name: "Plush Bear", priceCents: 2499 },
    ],
  },
  {
    key: "grocery", label: "Grocery", weight: 13,
    products: [
      { sku: "GR-801", name: "Organic Coffee Beans", priceCents: 1699 },
      { sku: "GR-802", name: "Green Tea Selection", priceCents: 1199 },
      { sku: "GR-803", name: "Dark Chocolate Box", priceCents: 1499 },
      { sku: "GR-804", name: "Extra Virgin Olive Oil", priceCents: 1899 },
      { sku: "GR-805", name: "Protein Bars (12)", priceCents: 2799 },
    ],
  },
];

export const GENDERS = ["female", "male", "other"] as const;
export const LIFECYCLE_STAGES = ["lead", "prospect", "customer", "churned"] as const;
export const MARITAL_STATUSES = ["single", "married", "divorced", "widowed"] as const;
export const EDUCATION_LEVELS = ["high_school", "vocational", "bachelor", "master", "doctorate"] as const;
export const ORDER_STATUSES = ["paid", "pending", "refunded", "cancelled"] as const;
export const EVENT_NAMES = ["page_view", "product_viewed", "cart_abandoned", "email_opened", "app_login"] as const;
export const DEVICES = ["mobile", "desktop", "tablet"] as const;

export const SOURCES = [
  ["organic_search", 26], ["paid_search", 16], ["social", 18], ["email", 8],
  ["referral", 10], ["direct", 14], ["affiliate", 4], ["marketplace", 4],
] as const;

export const INTERESTS = [
  { key: "sports", label: "Sports" }, { key: "travel", label: "Travel" }, { key: "cooking", label: "Cooking" },
  { key: "technology", label: "Technology" }, { key: "fashion", label: "Fashion" }, { key: "gaming", label: "Gaming" },
  { key: "music", label: "Music" }, { key: "reading", label: "Reading" }, { key: "fitness", label: "Fitness" },
  { key: "outdoors", label: "Outdoors" }, { key: "home_decor", label: "Home decor" }, { key: "parenting", label: "Parenting" },
  { key: "sustainability", label: "Sustainability" }, { key: "wellness", label: "Wellness" },
] as const;

/** The interests that make a shopper lean towards a product category. */
export const CATEGORY_INTERESTS: Record<string, readonly string[]> = {
  electronics: ["technology", "gaming", "music"],
  fashion: ["fashion"],
  home_garden: ["home_decor", "cooking", "sustainability"],
  beauty: ["wellness", "fashion"],
  sports_outdoors: ["sports", "fitness", "outdoors", "travel"],
  books: ["reading", "travel"],
  toys_games: ["parenting", "gaming"],
  grocery: ["cooking", "wellness", "sustainability"],
};

export const OCCUPATIONS = [
  "Software Engineer", "Teacher", "Nurse", "Accountant", "Sales Associate", "Graphic Designer",
  "Marketing Manager", "Electrician", "Pharmacist", "Student", "Retired", "Chef", "Lawyer",
  "Physician", "Architect", "Data Analyst", "Customer Service Representative", "Project Manager",
  "Mechanic", "Photographer", "Civil Servant", "Entrepreneur", "Consultant", "Homemaker",
] as const;

export const B2B_TITLES = [
  "Procurement Manager", "Office Manager", "Head of Operations", "Purchasing Lead", "CEO",
  "Facilities Coordinator", "IT Manager", "Buyer", "Founder", "Finance Director",
] as const;

export const INDUSTRIES = [
  "software", "retail", "manufacturing", "healthcare", "finance", "education",
  "logistics", "hospitality", "construction", "media",
] as const;

export const COMPANY_WORDS = [
  "Nordic", "Blue", "Summit", "Atlas", "Bright", "Green", "Iron", "Silver", "Pioneer", "Crescent",
  "Horizon", "Maple", "Granite", "Coastal", "Vertex", "Harbor", "Falcon", "Cedar", "Quantum", "Sterling",
] as const;
export const COMPANY_SUFFIXES = [
  "Labs", "Logistics", "Foods", "Studio", "Systems", "Trading", "Partners", "Works", "Retail", "Health",
] as const;

export const TAGS = {
  vip: "vip", wholesale: "wholesale", newsletter: "newsletter", discountHunter: "discount-hunter",
  betaTester: "beta-tester", eco: "eco-friendly", giftBuyer: "gift-buyer", appUser: "app-user",
} as const;

export const CAMPAIGNS = [
  "welcome-series", "spring-sale", "summer-sale", "back-to-school", "black-friday",
  "holiday-gift-guide", "new-arrivals", "loyalty-rewards", "win-back", "product-newsletter",
] as const;

export const PAGE_PATHS = ["/", "/sale", "/new", "/account", "/blog", "/help", "/cart", "/search"] as const;
