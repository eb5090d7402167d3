/** The input cannot be backfilled as given (wrong order, bad rows): the user must fix the file. */
export class BackfillInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackfillInputError';
  }
}
