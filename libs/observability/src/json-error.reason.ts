/**
 * A JSON parse error's message without the excerpt of the input V8 quotes in it
 * (`Unexpected token 'c', "cust-42" is not valid JSON`): the input is a producer's event, so the
 * excerpt may hold personal data or a secret, and the message travels into logs, 400 bodies and
 * dead-letter records. The position and the unexpected character stay.
 */
export function jsonErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/,? ?"[\s\S]*"(\.\.\.)? is not valid JSON$/, ' (not valid JSON)').trim();
}
