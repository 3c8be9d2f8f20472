/** Writes `key` as an own data property, so `__proto__`, `constructor` or `prototype` keys stay plain data. */
export function setOwn(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
