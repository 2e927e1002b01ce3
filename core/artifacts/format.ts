/** Bytes for people: `812 B`, `14.6 kB`, `1.95 GB` (SI units, as `ls -h --si` and GitHub show them). Pure. */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toPrecision(3).replace(/\.?0+$/, "")} ${units[unit]}`;
}

/** The exact command that pulls a version, as history and the catalogue print it. Pure. */
export function pullCommand(model: string, version: string): string {
  return `npx almanac pull ${model}@${version}`;
}
