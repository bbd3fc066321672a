// New events without a reload: the page polls /api/stats/changes and offers the new ones, marking the
// events stored since the reader last looked ("new since you looked"; the cursor is kept in localStorage).

import { getJson } from "./api.js";

const SEEN_KEY = "sitroom-seen";
const POLL_MS = 15000;

export class Live {
  // ``button``: shown when something new was stored; ``onShow``: redraws the page.
  constructor(button, onShow) {
    this.button = button;
    this.onShow = onShow;
    this.cursor = null;
    this.fresh = new Set();
    button.addEventListener("click", () => this.show());
  }

  // Events stored since the last visit are marked new; the visit starts now.
  async start() {
    const seen = localStorage.getItem(SEEN_KEY) || "";
    const since = await getJson("/api/stats/changes", seen ? new URLSearchParams({ after: seen }) : null);
    if (seen) for (const id of since.events) this.fresh.add(id);
    this.cursor = since.cursor;
    if (this.cursor) localStorage.setItem(SEEN_KEY, this.cursor);
    setInterval(() => this.poll().catch(() => {}), POLL_MS);
    return this.fresh.size;
  }

  async poll() {
    if (document.hidden) return;
    const params = this.cursor ? new URLSearchParams({ after: this.cursor }) : null;
    const changes = await getJson("/api/stats/changes", params);
    if (!this.cursor) {
      this.cursor = changes.cursor;
      return;
    }
    if (!changes.articles) return;
    this.pending = changes;
    const events = changes.events.length + (changes.more ? "+" : "");
    this.button.textContent = `${changes.articles} new article${changes.articles === 1 ? "" : "s"}, ${events} events: show`;
    this.button.hidden = false;
  }

  show() {
    if (this.pending) {
      for (const id of this.pending.events) this.fresh.add(id);
      this.cursor = this.pending.cursor;
      localStorage.setItem(SEEN_KEY, this.cursor);
      this.pending = null;
    }
    this.button.hidden = true;
    this.onShow();
  }

  isNew(id) {
    return this.fresh.has(id);
  }
}
