// Thin client of dyad's JSON API (docs/api.md). Every call is same-origin.

// The filters the page shares through the URL, in the API's parameter names.
export const FILTER_KEYS = ['actor', 'target', 'plover', 'modality', 'from', 'to', 'place', 'text'];

export class ApiError extends Error {
  constructor(status, body) {
    const e = body && body.error ? body.error : {};
    super(`${status} ${e.code || ''}${e.field ? ` (${e.field})` : ''}: ${e.message || ''}`);
    this.status = status;
    this.field = e.field || null;
  }
}

export async function api(path, params = {}) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, v);
  }
  const url = `api/${path}${qs.toString() ? `?${qs}` : ''}`;
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await res.json();
  } catch (_) {
    body = null;
  }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}
