// Files served with the app (public/: the shipped models, their manifest, sample rows), fetched from its own
// origin under Vite's base path. Errors name the file and the HTTP status.
const base = import.meta.env.BASE_URL;

export async function fetchText(path: string): Promise<string> {
  const r = await fetch(`${base}${path}`);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.text();
}

export async function fetchBytes(path: string): Promise<Uint8Array> {
  const r = await fetch(`${base}${path}`);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}
