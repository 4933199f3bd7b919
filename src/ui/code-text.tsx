// The verbaliser marks names and values with backticks (describeStep); show those parts as code. Used by the
// Explorer's step line and the Data panel's real trace.
export function withCode(sentence: string) {
  return sentence.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part));
}
