/** Whole-number settings of the bench scripts, from the environment. */
export function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, got "${raw}"`);
  return value;
}
