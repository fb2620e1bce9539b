/**
 * The custom fields the demo and seeded workspaces carry. Values live in
 * Customer.attributes under each key; select types store option keys.
 */
import { DEVICES, INTERESTS, PRODUCT_CATEGORIES } from "./data/catalog";

export type SeedCustomFieldType = "text" | "number" | "date" | "boolean" | "select" | "multiselect";
export type SeedCustomField = {
  key: string;
  label: string;
  type: SeedCustomFieldType;
  options: readonly { key: string; label: string }[];
  description: string;
};

export const SEED_CUSTOM_FIELDS: readonly SeedCustomField[] = [
  {
    key: "interests",
    label: "Interests",
    type: "multiselect",
    options: INTERESTS,
    description: "What the customer told us they care about (psychographic).",
  },
  {
    key: "preferred_device",
    label: "Preferred device",
    type: "select",
    options: DEVICES.map((key) => ({ key, label: key[0].toUpperCase() + key.slice(1) })),
    description: "The device the customer uses most.",
  },
  {
    key: "loyalty_points",
    label: "Loyalty points",
    type: "number",
    options: [],
    description: "Points balance in the loyalty programme.",
  },
  {
    key: "newsletter",
    label: "Newsletter",
    type: "boolean",
    options: [],
    description: "Subscribed to the weekly newsletter.",
  },
  {
    key: "favorite_category",
    label: "Favourite category",
    type: "select",
    options: PRODUCT_CATEGORIES.map(({ key, label }) => ({ key, label })),
    description: "The product category the customer prefers.",
  },
];
