/** Saving a text as a file through the browser: works with or without the file server. */

/** Offers `text` as a download named `name`. */
export function downloadText(name: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The download helpers for components. */
export function useDownload(): { downloadText: typeof downloadText } {
  return { downloadText };
}
