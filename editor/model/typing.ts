/** Full-width digits (０–９), as a Chinese input method may type them, as ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}
