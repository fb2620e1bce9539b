/**
 * Reference data for the generator: countries with their cities, regions, languages and
 * typical names. Names are in Latin script so emails can be derived from them.
 */

export type CountryProfile = {
  /** ISO 3166-1 alpha-2. */
  code: string;
  name: string;
  /** Share of customers, relative to the other countries. */
  weight: number;
  /** BCP 47 tags with their relative weights. */
  languages: readonly (readonly [string, number])[];
  phonePrefix: string;
  /** Typical income in USD, scaled by the generator. */
  medianIncome: number;
  emailDomains: readonly string[];
  female: readonly string[];
  male: readonly string[];
  last: readonly string[];
  /** Female forms of the last names where the language inflects them (same order as `last`). */
  lastFemale?: readonly string[];
  cities: readonly (readonly [city: string, region: string])[];
};

export const COUNTRIES: readonly CountryProfile[] = [
  {
    code: "US", name: "United States", weight: 25, languages: [["en-US", 88], ["es-US", 12]],
    phonePrefix: "+1", medianIncome: 62000, emailDomains: ["gmail.com", "yahoo.com", "outlook.com", "icloud.com"],
    female: ["Emily", "Olivia", "Jessica", "Ashley", "Sarah", "Madison", "Hannah", "Megan", "Lauren", "Maria"],
    male: ["James", "Michael", "Robert", "David", "Daniel", "Matthew", "Christopher", "Joshua", "Tyler", "Jose"],
    last: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Wilson", "Anderson", "Taylor"],
    cities: [["New York", "New York"], ["Los Angeles", "California"], ["Chicago", "Illinois"], ["Houston", "Texas"], ["Phoenix", "Arizona"], ["Seattle", "Washington"], ["Miami", "Florida"], ["Denver", "Colorado"]],
  },
  {
    code: "GB", name: "United Kingdom", weight: 10, languages: [["en-GB", 100]],
    phonePrefix: "+44", medianIncome: 45000, emailDomains: ["gmail.com", "hotmail.co.uk", "btinternet.com", "outlook.com"],
    female: ["Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Charlotte", "Lucy"],
    male: ["Oliver", "Harry", "George", "Jack", "Thomas", "William", "Charlie", "James"],
    last: ["Smith", "Jones", "Taylor", "Brown", "Evans", "Wilson", "Thomas", "Roberts", "Walker", "Wright"],
    cities: [["London", "England"], ["Manchester", "England"], ["Birmingham", "England"], ["Leeds", "England"], ["Glasgow", "Scotland"], ["Edinburgh", "Scotland"], ["Cardiff", "Wales"], ["Belfast", "Northern Ireland"]],
  },
  {
    code: "DE", name: "Germany", weight: 9, languages: [["de-DE", 95], ["en-US", 5]],
    phonePrefix: "+49", medianIncome: 50000, emailDomains: ["gmail.com", "web.de", "gmx.de", "t-online.de"],
    female: ["Anna", "Lea", "Julia", "Laura", "Sophie", "Katharina", "Lena", "Jana"],
    male: ["Lukas", "Jonas", "Felix", "Maximilian", "Paul", "Leon", "Tobias", "Jürgen"],
    last: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer"],
    cities: [["Berlin", "Berlin"], ["Hamburg", "Hamburg"], ["München", "Bayern"], ["Köln", "Nordrhein-Westfalen"], ["Frankfurt am Main", "Hessen"], ["Stuttgart", "Baden-Württemberg"], ["Leipzig", "Sachsen"]],
  },
  {
    code: "FR", name: "France", weight: 7, languages: [["fr-FR", 100]],
    phonePrefix: "+33", medianIncome: 42000, emailDomains: ["gmail.com", "orange.fr", "free.fr", "laposte.net"],
    female: ["Camille", "Léa", "Manon", "Chloé", "Inès", "Louise", "Jade", "Élise"],
    male: ["Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Théo", "Raphaël", "Nicolas"],
    last: ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"],
    cities: [["Paris", "Île-de-France"], ["Lyon", "Auvergne-Rhône-Alpes"], ["Marseille", "Provence-Alpes-Côte d'Azur"], ["Toulouse", "Occitanie"], ["Nantes", "Pays de la Loire"], ["Lille", "Hauts-de-France"], ["Bordeaux", "Nouvelle-Aquitaine"]],
  },
  {
    code: "PL", name: "Poland", weight: 6, languages: [["pl-PL", 100]],
    phonePrefix: "+48", medianIncome: 24000, emailDomains: ["gmail.com", "wp.pl", "onet.pl", "o2.pl"],
    female: ["Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Zofia", "Małgorzata", "Aleksandra"],
    male: ["Piotr", "Krzysztof", "Tomasz", "Paweł", "Łukasz", "Michał", "Jakub", "Marcin"],
    last: ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak"],
    lastFemale: ["Nowak", "Kowalska", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowska", "Zielińska", "Szymańska", "Woźniak"],
    cities: [["Warszawa", "Mazowieckie"], ["Kraków", "Małopolskie"], ["Łódź", "Łódzkie"], ["Wrocław", "Dolnośląskie"], ["Poznań", "Wielkopolskie"], ["Gdańsk", "Pomorskie"], ["Szczecin", "Zachodniopomorskie"]],
  },
  {
    code: "ES", name: "Spain", weight: 5, languages: [["es-ES", 90], ["ca-ES", 10]],
    phonePrefix: "+34", medianIncome: 32000, emailDomains: ["gmail.com", "hotmail.es", "yahoo.es", "telefonica.net"],
    female: ["Lucía", "María", "Paula", "Carmen", "Laura", "Marta", "Sofía", "Elena"],
    male: ["Hugo", "Pablo", "Javier", "Alejandro", "Daniel", "Carlos", "Manuel", "Sergio"],
    last: ["García", "González", "Rodríguez", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Ruiz"],
    cities: [["Madrid", "Comunidad de Madrid"], ["Barcelona", "Cataluña"], ["Valencia", "Comunidad Valenciana"], ["Sevilla", "Andalucía"], ["Zaragoza", "Aragón"], ["Bilbao", "País Vasco"], ["Málaga", "Andalucía"]],
  },
  {
    code: "IT", name: "Italy", weight: 5, languages: [["it-IT", 100]],
    phonePrefix: "+39", medianIncome: 33000, emailDomains: ["gmail.com", "libero.it", "virgilio.it", "alice.it"],
    female: ["Giulia", "Sofia", "Aurora", "Chiara", "Francesca", "Martina", "Alessia", "Elena"],
    male: ["Leonardo", "Francesco", "Alessandro", "Lorenzo", "Matteo", "Andrea", "Giuseppe", "Marco"],
    last: ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"],
    cities: [["Roma", "Lazio"], ["Milano", "Lombardia"], ["Napoli", "Campania"], ["Torino", "Piemonte"], ["Bologna", "Emilia-Romagna"], ["Firenze", "Toscana"], ["Palermo", "Sicilia"]],
  },
  {
    code: "NL", name: "Netherlands", weight: 4, languages: [["nl-NL", 92], ["en-GB", 8]],
    phonePrefix: "+31", medianIncome: 48000, emailDomains: ["gmail.com", "ziggo.nl", "kpnmail.nl", "outlook.com"],
    female: ["Emma", "Julia", "Sanne", "Lotte", "Fleur", "Anouk", "Eva", "Noor"],
    male: ["Daan", "Sem", "Lars", "Bram", "Thijs", "Ruben", "Jesse", "Niels"],
    last: ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer", "Mulder"],
    cities: [["Amsterdam", "Noord-Holland"], ["Rotterdam", "Zuid-Holland"], ["Den Haag", "Zuid-Holland"], ["Utrecht", "Utrecht"], ["Eindhoven", "Noord-Brabant"], ["Groningen", "Groningen"]],
  },
  {
    code: "SE", name: "Sweden", weight: 3, languages: [["sv-SE", 94], ["en-GB", 6]],
    phonePrefix: "+46", medianIncome: 47000, emailDomains: ["gmail.com", "telia.com", "hotmail.se", "outlook.com"],
    female: ["Alice", "Maja", "Elsa", "Astrid", "Ebba", "Linnea", "Ingrid", "Saga"],
    male: ["William", "Liam", "Noah", "Erik", "Oskar", "Lars", "Anders", "Johan"],
    last: ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Lindqvist"],
    cities: [["Stockholm", "Stockholms län"], ["Göteborg", "Västra Götalands län"], ["Malmö", "Skåne län"], ["Uppsala", "Uppsala län"], ["Västerås", "Västmanlands län"]],
  },
  {
    code: "BR", name: "Brazil", weight: 6, languages: [["pt-BR", 100]],
    phonePrefix: "+55", medianIncome: 12000, emailDomains: ["gmail.com", "hotmail.com", "uol.com.br", "bol.com.br"],
    female: ["Ana", "Beatriz", "Juliana", "Fernanda", "Larissa", "Camila", "Gabriela", "Mariana"],
    male: ["João", "Pedro", "Lucas", "Gabriel", "Rafael", "Mateus", "Gustavo", "Thiago"],
    last: ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Ferreira", "Almeida", "Costa", "Ribeiro"],
    cities: [["São Paulo", "São Paulo"], ["Rio de Janeiro", "Rio de Janeiro"], ["Belo Horizonte", "Minas Gerais"], ["Brasília", "Distrito Federal"], ["Salvador", "Bahia"], ["Curitiba", "Paraná"], ["Porto Alegre", "Rio Grande do Sul"]],
  },
  {
    code: "MX", name: "Mexico", weight: 4, languages: [["es-MX", 100]],
    phonePrefix: "+52", medianIncome: 11000, emailDomains: ["gmail.com", "hotmail.com", "yahoo.com.mx", "outlook.com"],
    female: ["Sofía", "Valentina", "Regina", "Fernanda", "Ximena", "Daniela", "Guadalupe", "Andrea"],
    male: ["Santiago", "Mateo", "Sebastián", "Diego", "Emiliano", "Luis", "Miguel", "Alejandro"],
    last: ["Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Flores"],
    cities: [["Ciudad de México", "CDMX"], ["Guadalajara", "Jalisco"], ["Monterrey", "Nuevo León"], ["Puebla", "Puebla"], ["Tijuana", "Baja California"], ["Mérida", "Yucatán"]],
  },
  {
    code: "CA", name: "Canada", weight: 5, languages: [["en-CA", 78], ["fr-CA", 22]],
    phonePrefix: "+1", medianIncome: 52000, emailDomains: ["gmail.com", "hotmail.ca", "outlook.com", "videotron.ca"],
    female: ["Olivia", "Emma", "Charlotte", "Chloé", "Ava", "Florence", "Léa", "Amelia"],
    male: ["Liam", "Noah", "William", "Benjamin", "Félix", "Logan", "Nathan", "Ethan"],
    last: ["Smith", "Brown", "Tremblay", "Martin", "Roy", "Wilson", "Gagnon", "MacDonald", "Lee", "Côté"],
    cities: [["Toronto", "Ontario"], ["Montréal", "Québec"], ["Vancouver", "British Columbia"], ["Calgary", "Alberta"], ["Ottawa", "Ontario"], ["Québec", "Québec"], ["Halifax", "Nova Scotia"]],
  },
  {
    code: "AU", name: "Australia", weight: 4, languages: [["en-AU", 100]],
    phonePrefix: "+61", medianIncome: 55000, emailDomains: ["gmail.com", "bigpond.com", "outlook.com", "icloud.com"],
    female: ["Charlotte", "Olivia", "Isla", "Mia", "Chloe", "Zoe", "Matilda", "Ruby"],
    male: ["Oliver", "Jack", "Noah", "Lachlan", "Cooper", "Riley", "Mason", "Hamish"],
    last: ["Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Nguyen", "Kelly", "Ryan", "Walsh"],
    cities: [["Sydney", "New South Wales"], ["Melbourne", "Victoria"], ["Brisbane", "Queensland"], ["Perth", "Western Australia"], ["Adelaide", "South Australia"], ["Hobart", "Tasmania"]],
  },
  {
    code: "JP", name: "Japan", weight: 4, languages: [["ja-JP", 100]],
    phonePrefix: "+81", medianIncome: 38000, emailDomains: ["gmail.com", "yahoo.co.jp", "docomo.ne.jp", "icloud.com"],
    female: ["Yui", "Hina", "Sakura", "Aoi", "Yuna", "Mei", "Haruka", "Akari"],
    male: ["Haruto", "Sota", "Yuto", "Riku", "Hiroshi", "Takumi", "Kenta", "Daiki"],
    last: ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"],
    cities: [["Tokyo", "Tokyo"], ["Osaka", "Osaka"], ["Yokohama", "Kanagawa"], ["Nagoya", "Aichi"], ["Sapporo", "Hokkaido"], ["Fukuoka", "Fukuoka"], ["Kyoto", "Kyoto"]],
  },
  {
    code: "IN", name: "India", weight: 3, languages: [["en-IN", 60], ["hi-IN", 40]],
    phonePrefix: "+91", medianIncome: 9000, emailDomains: ["gmail.com", "yahoo.co.in", "rediffmail.com", "outlook.com"],
    female: ["Priya", "Ananya", "Aadhya", "Diya", "Kavya", "Isha", "Sneha", "Pooja"],
    male: ["Aarav", "Vivaan", "Arjun", "Rohan", "Rahul", "Aditya", "Vikram", "Sai"],
    last: ["Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta", "Das"],
    cities: [["Mumbai", "Maharashtra"], ["Delhi", "Delhi"], ["Bengaluru", "Karnataka"], ["Hyderabad", "Telangana"], ["Chennai", "Tamil Nadu"], ["Pune", "Maharashtra"], ["Kolkata", "West Bengal"]],
  },
];

const SPECIAL_LETTERS: Record<string, string> = { ł: "l", Ł: "l", ø: "o", ß: "ss", æ: "ae", œ: "oe", đ: "d" };

/** Lower-case ASCII form of a name for emails and slugs ("Łukasz Wiśniewski" → "lukaszwisniewski"). */
export function asciiSlug(text: string): string {
  return text
    .replace(/[łŁøßæœđ]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}
