/** How many segments one comparison takes. Pure (shared by the page and the server). */
export const MIN_COMPARED = 2;
export const MAX_COMPARED = 6;
