export * from '../generators/arbitraries.gen.ts';
export {
  type ArbitraryOptions,
  combineOverrides,
  eventArbitrary,
  jsonValue,
  nastyString,
  type PartsContext,
  recordsArbitrary,
} from './arbitraries/define-arbitrary.ts';
