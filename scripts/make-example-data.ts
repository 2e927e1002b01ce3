/**
 * Writes the example datasets' data files from the public data in the vega-datasets
 * package, deterministically (same bytes on every run). Run: node scripts/make-example-data.ts
 */
import { mkdir } from "node:fs/promises";
import { withDatabase } from "../core/data/duckdb.ts";

const VEGA = "node_modules/vega-datasets/data";

await withDatabase(async (db) => {
  await mkdir("datasets/penguins/data", { recursive: true });
  await db.run(`
    COPY (
      SELECT row_number() OVER () AS row_id,
             "Species" AS species, "Island" AS island,
             "Beak Length (mm)" AS bill_length_mm, "Beak Depth (mm)" AS bill_depth_mm,
             "Flipper Length (mm)" AS flipper_length_mm, "Body Mass (g)" AS body_mass_g,
             nullif(lower("Sex"), '.') AS sex
      FROM read_json('${VEGA}/penguins.json', format = 'array')
    ) TO 'datasets/penguins/data/penguins.csv' (HEADER, DELIMITER ',')`);

  await mkdir("datasets/seattle-weather/data", { recursive: true });
  await mkdir("datasets/seattle-weather/current", { recursive: true });
  const weather = `
    SELECT row_number() OVER (ORDER BY date) AS row_id, date, month(date) AS month,
           temp_max, temp_min, wind, precipitation,
           CASE WHEN weather IN ('rain', 'drizzle') THEN 'rain' ELSE 'dry' END AS rain
    FROM read_csv('${VEGA}/seattle-weather.csv')`;
  await db.run(
    `COPY (SELECT * EXCLUDE (precipitation) FROM (${weather}) WHERE year(date) <= 2014 ORDER BY row_id) TO 'datasets/seattle-weather/data/seattle-weather-2012-2014.csv' (HEADER)`,
  );
  await db.run(
    `COPY (SELECT * EXCLUDE (precipitation, rain) FROM (${weather}) WHERE year(date) = 2015 ORDER BY row_id) TO 'datasets/seattle-weather/current/2015.csv' (HEADER)`,
  );
  // The 2015 days with their labels, one file a quarter as the labels arrive: the fresh labelled
  // data of seattle-rain's retraining policy (models/seattle-rain/model.md, retraining.data).
  await mkdir("datasets/seattle-weather/labelled", { recursive: true });
  for (const quarter of [1, 2, 3, 4])
    await db.run(
      `COPY (SELECT * EXCLUDE (precipitation) FROM (${weather}) WHERE year(date) = 2015 AND quarter(date) = ${quarter} ORDER BY row_id) TO 'datasets/seattle-weather/labelled/2015-q${quarter}.csv' (HEADER)`,
    );

  await mkdir("datasets/cars/data", { recursive: true });
  await db.run(`
    COPY (
      SELECT row_number() OVER () AS row_id, "Name" AS name,
             "Miles_per_Gallon"::DOUBLE AS mpg, "Cylinders"::INTEGER AS cylinders,
             "Displacement"::DOUBLE AS displacement, "Horsepower"::DOUBLE AS horsepower,
             "Weight_in_lbs"::DOUBLE AS weight_lbs, "Acceleration"::DOUBLE AS acceleration,
             year("Year"::DATE)::INTEGER AS model_year, "Origin" AS origin
      FROM read_json('${VEGA}/cars.json', format = 'array')
      WHERE "Miles_per_Gallon" IS NOT NULL
    ) TO 'datasets/cars/data/cars.parquet' (FORMAT parquet)`);
});
