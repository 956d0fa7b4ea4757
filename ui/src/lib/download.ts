// Saving an export: a native save dialog in the window, a download in a browser.
import { api, inTauri } from './backend';

export async function saveText(name: string, content: string, type: string): Promise<string | null> {
  if (inTauri()) return api.saveText(name, content);
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}
