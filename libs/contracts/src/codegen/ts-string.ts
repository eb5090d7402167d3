/**
 * A string literal quoted the way Prettier (singleQuote) prints it: single quotes unless the
 * text holds more single quotes than double quotes.
 */
export const quoteString = (text: string): string => {
  const singles = text.split("'").length - 1;
  const doubles = text.split('"').length - 1;
  const json = JSON.stringify(text);
  if (singles > doubles) return json;
  const body = json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
};
