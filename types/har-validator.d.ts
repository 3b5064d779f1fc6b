// har-validator 5 ships no types. Its promise API resolves with the data or rejects with a HARError whose
// `errors` are ajv 6 error objects.
declare module 'har-validator' {
  export interface HarValidationError {
    dataPath?: string;
    message?: string;
  }
  export function har(data: unknown): Promise<unknown>;
}
