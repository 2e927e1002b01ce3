const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
/** exp() of anything below this is zero for the series' purposes (z ≈ 0.0417). */
const MIN_LOG = -708;

/** K0…K3 of the Li-Chien/Korolyuk expansion, each as a theta-function sum over odd integers. */
function oddSums(z: number, q: number, maxK: number): number[] {
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const sums = [0, 0, 0, 0];
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qPower = q ** (8 * k);
    const coefficients = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) sums[i] = (sums[i] as number) * qPower + (coefficients[i] as number);
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  return sums.map((s, i) => (s * q * SQRT_2PI) / (divisors[i] as number));
}

/**
 * Pr(Dₙ ≤ x) by the Pelz–Good approximation (J. R. Stat. Soc. B 38(2), 1976): the
 * Li-Chien/Korolyuk expansion K0 + K1/√n + K2/n + K3/n^1.5 in z = x√n, each term rewritten with
 * Jacobi theta identities for small z. A port of scipy's `_kolmogn_PelzGood`.
 */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const qLog = -PI2 / 8 / z2;
  if (qLog < MIN_LOG) return 0;
  const maxK = Math.ceil((16 * z) / Math.PI);
  const terms = oddSums(z, Math.exp(qLog), maxK);
  // The sums over all integers k that K2 and K3 also carry.
  const q = Math.exp(-PI2 / 2 / z2);
  let k2Extra = 0;
  let k3Extra = 0;
  const sqrt3z = SQRT3 * z;
  for (let k = maxK; k > 0; k--) {
    const k2 = k * k;
    const qk = q ** k2;
    k2Extra += k2 * qk;
    const kPi = Math.PI * k;
    k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qk;
  }
  terms[2] = (terms[2] as number) + (k2Extra * PI2 * SQRT_2PI) / (-36 * z2 * z);
  terms[3] = (terms[3] as number) + (k3Extra * PI2 * SQRT_2PI) / (216 * z2 * z2 * z2);
  let total = 0;
  for (let i = 0; i < 4; i++) total += (terms[i] as number) / n ** (i / 2);
  return total;
}
