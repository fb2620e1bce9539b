/**
 * What every spec imports instead of "@playwright/test": Playwright's API, with `test` and `expect`
 * extended by the checks that hold for every page of the product.
 */
export * from "@playwright/test";
