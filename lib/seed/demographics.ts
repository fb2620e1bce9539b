/**
 * Demographic and firmographic attributes of one generated customer.
 */
import { asciiSlug, type CountryProfile } from "./data/countries";
import {
  B2B_TITLES, COMPANY_SUFFIXES, COMPANY_WORDS, EDUCATION_LEVELS, INDUSTRIES, MARITAL_STATUSES, OCCUPATIONS,
} from "./data/catalog";
import { type Rng, Weighted } from "./prng";

export type Gender = "female" | "male" | "other";
type Education = (typeof EDUCATION_LEVELS)[number];
type MaritalStatus = (typeof MARITAL_STATUSES)[number];

const DAY_MS = 86_400_000;
const YEAR_MS = 365.2425 * DAY_MS;
const GENDERS = new Weighted<Gender>([["female", 49], ["male", 48], ["other", 3]]);
const EDUCATION = new Weighted<Education>([["high_school", 30], ["vocational", 18], ["bachelor", 32], ["master", 16], ["doctorate", 4]]);
const EDUCATION_INCOME: Record<Education, number> = { high_school: 0.8, vocational: 0.95, bachelor: 1.15, master: 1.35, doctorate: 1.6 };
const SINGLE_JOBS = OCCUPATIONS.filter((job) => job !== "Student" && job !== "Retired");

export type Person = {
  gender: Gender;
  firstName: string;
  lastName: string;
  /** ASCII slugs of the names, for the email. */
  firstSlug: string;
  lastSlug: string;
  age: number;
  birthDate: string;
  education: Education;
  maritalStatus: MaritalStatus;
  jobTitle: string;
  income: number;
};

export type Firm = { company: string; domain: string; industry: string; companySize: number; jobTitle: string };

const slugCache = new Map<string, string>();
function cachedSlug(name: string): string {
  let slug = slugCache.get(name);
  if (slug === undefined) {
    slug = asciiSlug(name);
    slugCache.set(name, slug);
  }
  return slug;
}

function pickMarital(rng: Rng, age: number): MaritalStatus {
  const u = rng.next();
  if (age < 25) return u < 0.85 ? "single" : "married";
  if (age < 40) return u < 0.42 ? "single" : u < 0.9 ? "married" : "divorced";
  if (age < 65) return u < 0.2 ? "single" : u < 0.75 ? "married" : u < 0.95 ? "divorced" : "widowed";
  return u < 0.1 ? "single" : u < 0.6 ? "married" : u < 0.75 ? "divorced" : "widowed";
}

function pickJob(rng: Rng, age: number): string {
  if (age >= 67 && rng.chance(0.8)) return "Retired";
  if (age <= 23 && rng.chance(0.6)) return "Student";
  return rng.pick(SINGLE_JOBS);
}

/** "YYYY-MM-DD" of an epoch-ms instant, in UTC. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A person living in `country`, aged 18–85 at `now`. */
export function generatePerson(rng: Rng, country: CountryProfile, now: number): Person {
  const gender = GENDERS.draw(rng);
  const nameGender = gender === "other" ? (rng.chance(0.5) ? "female" : "male") : gender;
  const firstName = rng.pick(nameGender === "female" ? country.female : country.male);
  const lastIndex = rng.int(0, country.last.length - 1);
  const lastName = (nameGender === "female" ? country.lastFemale?.[lastIndex] : undefined) ?? country.last[lastIndex];
  const age = Math.min(85, Math.max(18, Math.round(41 + 15 * rng.normal())));
  // Between `age` + 3 days and `age` + 1 year - 3 days old, so the age stays exact whatever the leap years.
  const birthMs = now - age * YEAR_MS - 3 * DAY_MS - Math.floor(rng.next() * (YEAR_MS - 6 * DAY_MS));
  const education = age < 22 && rng.chance(0.7) ? "high_school" : EDUCATION.draw(rng);
  const ageIncome = age < 25 ? 0.55 : age < 35 ? 0.9 : age < 60 ? 1.15 : age < 67 ? 1 : 0.7;
  const incomeRaw = rng.logNormal(Math.log(country.medianIncome * ageIncome * EDUCATION_INCOME[education]), 0.45);
  return {
    gender,
    firstName,
    lastName,
    firstSlug: cachedSlug(firstName),
    lastSlug: cachedSlug(lastName),
    age,
    birthDate: isoDate(birthMs),
    education,
    maritalStatus: pickMarital(rng, age),
    jobTitle: pickJob(rng, age),
    income: Math.max(1000, Math.round(incomeRaw / 100) * 100),
  };
}

/** The company a B2B customer buys for. */
export function generateFirm(rng: Rng): Firm {
  const company = `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_SUFFIXES)}`;
  const companySize = Math.min(50_000, Math.max(1, Math.round(rng.logNormal(Math.log(35), 1.4))));
  return {
    company,
    domain: `${cachedSlug(company)}.com`,
    industry: rng.pick(INDUSTRIES),
    companySize,
    jobTitle: rng.pick(B2B_TITLES),
  };
}
