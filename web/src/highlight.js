// Renders an article body with the event's sentence, source, verb and target
// highlighted. Spans are byte offsets into the UTF-8 body (docs/api.md), so
// the body is cut as bytes and each piece decoded back: no offset drifts on
// accents or emoji. Text goes in with textContent only (never as HTML).

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// spans: {sentence: [b, e] | null, source: ..., verb: ..., target: ...}
export function renderHighlighted(container, body, spans) {
  const bytes = encoder.encode(body);
  const named = Object.entries(spans).filter(([, s]) => Array.isArray(s) && s[1] > s[0]);
  const cuts = new Set([0, bytes.length]);
  for (const [, [b, e]] of named) {
    cuts.add(Math.max(0, Math.min(b, bytes.length)));
    cuts.add(Math.max(0, Math.min(e, bytes.length)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  container.textContent = '';
  let sentenceEl = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [b, e] = [points[i], points[i + 1]];
    const text = decoder.decode(bytes.subarray(b, e));
    const inside = (name) => named.some(([n, s]) => n === name && s[0] <= b && e <= s[1]);
    const role = ['source', 'verb', 'target'].find(inside);
    let node;
    if (role) {
      node = document.createElement('mark');
      node.className = role;
      node.title = role;
      node.textContent = text;
    } else {
      node = document.createTextNode(text);
    }
    if (inside('sentence')) {
      if (!sentenceEl) {
        sentenceEl = document.createElement('span');
        sentenceEl.className = 'sentence';
        container.appendChild(sentenceEl);
      }
      sentenceEl.appendChild(node);
    } else {
      container.appendChild(node);
    }
  }
  return sentenceEl;
}
