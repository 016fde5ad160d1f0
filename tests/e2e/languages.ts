/**
 * The languages e2e test's tools (SPEC LG2, LG7): a language's words for finding controls (read
 * from the catalogues, never the English), the text a person reads on a page, what overflows or
 * clips, and one check per screen that saves a screenshot and gathers every problem found.
 */
import { type Page, test } from '@playwright/test';
import { type Locale, LOCALE_NAMES, SOURCE_LOCALE } from '../../shared/i18n/locales';
import { CLUSTERS, DIMENSIONS } from '../../shared/model/vocabulary';
import { EXCITE_D14, EXCITE_D14_SOURCE } from '../../shared/templates/excite-d14';
import { type Catalogue, catalogue, englishCatalogue, findEnglishLeftovers, messagePattern, normaliseSpaces } from '../helpers/englishLeftovers';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A language's words, found by what the English catalogue says today (I18N.md keeps English
 * as it was): `text('Join the board')` is "Dołącz do tablicy" in Polish, whatever its key.
 */
export class Words {
  readonly own: Catalogue;
  private readonly english = englishCatalogue();

  constructor(readonly locale: Locale) {
    this.own = catalogue(locale);
  }

  /**
   * The message whose English is exactly `english` (or any of several), as a whole name; when
   * several keys say it, any of their translations.
   */
  text(...english: string[]): RegExp {
    if (this.locale === SOURCE_LOCALE) return this.alternatives(english.map(escapeRegExp));
    return this.alternatives(
      english.flatMap((text) => this.keys((message) => normaliseSpaces(message) === text, text).map((key) => escapeRegExp(this.own[key]!))),
    );
  }

  /**
   * A field's label `english`: the start of the name Playwright reads for the field, which for a
   * label wrapped round a list also holds the list's options.
   */
  label(english: string): RegExp {
    return new RegExp(this.text(english).source.replace(/\\s\*\$$/, ''), 'u');
  }

  /** The message whose English makes `sample` ("Vote for note Foo"), any values in its arguments. */
  like(sample: string): RegExp {
    const fits = this.keys((message) => /[\p{L}]/u.test(message) && new RegExp(`^${messagePattern(message)}$`, 'u').test(sample), sample);
    // The most specific messages: the most fixed words around the values.
    const fixed = (key: string) => this.english[key]!.replace(/\{[^{}]*\}/g, '').length;
    const best = Math.max(...fits.map(fixed));
    return this.alternatives(fits.filter((key) => fixed(key) === best).map((key) => messagePattern(this.own[key]!)));
  }

  /** The message in this language, formatted plainly (no values): for reading, not finding. */
  message(english: string): string {
    const [key] = this.keys((message) => normaliseSpaces(message) === english, english);
    return this.own[key!]!;
  }

  private keys(fits: (message: string) => boolean, what: string): string[] {
    const keys = Object.keys(this.english).filter((key) => fits(this.english[key]!));
    if (keys.length === 0) throw new Error(`No English catalogue message reads "${what}"`);
    return keys;
  }

  private alternatives(patterns: string[]): RegExp {
    return new RegExp(`^\\s*(?:${[...new Set(patterns)].map((p) => p.replace(/ /g, '\\s+')).join('|')})\\s*$`, 'u');
  }
}

/** What stays as written in every language (LG6), cut out before looking for English. */
export const CONTENT: readonly string[] = [
  ...EXCITE_D14.flatMap((section) => [...section.challenges, ...section.needs, ...section.goodPractices.map((p) => p.text)]),
  EXCITE_D14_SOURCE,
  ...DIMENSIONS.flatMap((d) => [d.label, d.hint]),
  ...CLUSTERS.map((c) => c.label),
  ...Object.values(LOCALE_NAMES),
  'Clusterboard',
];

/**
 * The text a person reads on the page: what is rendered (screen-reader-only text included), the
 * labels, titles, placeholders and alternative texts of what is shown, every option of a shown
 * list, and the window's title.
 */
export function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    const shown = (element: Element) => element.checkVisibility({ visibilityProperty: true });
    const attributes = ['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-valuetext', 'aria-roledescription'];
    for (const element of document.body.querySelectorAll(attributes.map((a) => `[${a}]`).join(','))) {
      if (!shown(element)) continue;
      for (const attribute of attributes) parts.push(element.getAttribute(attribute) ?? '');
    }
    for (const select of document.body.querySelectorAll('select')) if (shown(select)) for (const option of select.options) parts.push(option.text);
    for (const input of document.body.querySelectorAll<HTMLInputElement>('input[type="submit"], input[type="button"], input[type="reset"]'))
      if (shown(input)) parts.push(input.value);
    return parts.join('\n');
  });
}

/**
 * [LG7] What breaks the layout: a page wider than the screen (with the elements that reach past
 * its edge), and every shown button whose content does not fit it: wider than its box
 * (scrollWidth), text drawn outside it, or cut off by an ancestor that hides overflow or by the
 * screen's edge. Buttons whose words are content (a note's text) may shorten it on purpose.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const describe = (element: Element) => {
      const classes = typeof element.className === 'string' ? element.className.trim().split(/\s+/).filter(Boolean) : [];
      const words = (element.getAttribute('aria-label') ?? (element as HTMLElement).innerText ?? element.textContent ?? '')
        .replace(/\s+/g, ' ')
        .trim();
      return `${element.tagName.toLowerCase()}${classes.map((c) => `.${c}`).join('')} "${words.slice(0, 50)}"`;
    };
    const shown = (element: Element) => element.checkVisibility({ visibilityProperty: true, opacityProperty: true });

    const pageWidth = document.scrollingElement!.scrollWidth;
    if (pageWidth > width) {
      const past = [...document.body.querySelectorAll('*')].filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1 && shown(element);
      });
      const outermost = past.filter((element) => !past.some((other) => other !== element && other.contains(element)));
      problems.push(`the page is ${pageWidth}px wide on a ${width}px screen; past the edge: ${outermost.slice(0, 4).map(describe).join(', ')}`);
    }

    const CONTENT_BUTTONS = '.note-text, .result-text, .link-chip, .theme-title-button, .presence-chip';
    for (const button of document.body.querySelectorAll<HTMLElement>('button, [role="button"], [role="menuitem"], [role="tab"], summary')) {
      if (!shown(button) || button.matches(CONTENT_BUTTONS) || button.closest('[aria-hidden="true"]')) continue;
      const box = button.getBoundingClientRect();
      // Screen-reader-only buttons are 1 px on purpose.
      if (box.width <= 1 || box.height <= 1) continue;
      if (button.scrollWidth > button.clientWidth + 1) {
        problems.push(`button ${describe(button)}: content ${button.scrollWidth}px wide in a ${button.clientWidth}px box`);
        continue;
      }
      // Text hidden from sight (words kept for screen readers) is clipped on purpose.
      const hidden = (element: Element | null) => {
        for (let e = element; e && e !== button.parentElement; e = e.parentElement) {
          const style = getComputedStyle(e);
          if (style.clip !== 'auto' || style.clipPath !== 'none') return true;
        }
        return false;
      };
      const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
      let outside: string | null = null;
      for (let node = walker.nextNode(); node && !outside; node = walker.nextNode()) {
        if (!node.textContent?.trim() || hidden(node.parentElement)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
          if (rect.width <= 1 || rect.height <= 1) continue;
          // Sideways by more than a pixel; up or down by more than half a line (a glyph's line box
          // may stand above a small icon button without anything being cut).
          const side = Math.max(box.left - rect.left, rect.right - box.right);
          const vertical = Math.max(box.top - rect.top, rect.bottom - box.bottom);
          if (side > 1 || vertical > rect.height / 2)
            outside = `"${node.textContent.trim().slice(0, 30)}" ${Math.round(rect.width)}x${Math.round(rect.height)} at ${Math.round(rect.left - box.left)},${Math.round(rect.top - box.top)}`;
        }
      }
      if (outside) {
        problems.push(`button ${describe(button)}: text ${outside} runs outside its ${Math.round(box.width)}x${Math.round(box.height)} box`);
        continue;
      }
      let clipped: string | null = null;
      let scrolls = false;
      for (let parent = button.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const style = getComputedStyle(parent);
        // A scrolling strip shows the rest of its buttons when scrolled: not a clip.
        if (/auto|scroll/.test(style.overflowX)) {
          scrolls = true;
          break;
        }
        if (/hidden|clip/.test(style.overflowX)) {
          const edge = parent.getBoundingClientRect();
          if (box.left < edge.left - 1 || box.right > edge.right + 1) clipped = `cut off by ${describe(parent)}`;
          break;
        }
      }
      if (!clipped && !scrolls && (box.left < -1 || box.right > width + 1))
        clipped = `past the screen's edge (${Math.round(box.left)}..${Math.round(box.right)} of ${width}px)`;
      if (clipped) problems.push(`button ${describe(button)}: ${clipped}`);
    }
    return problems;
  });
}

/** Waits for two frames: a resize or a re-render has been laid out and painted. */
export function settled(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

/** One problem found on one screen, in one language, at one width. */
export interface Finding {
  screen: string;
  locale: Locale;
  width: number;
  problem: string;
}

/**
 * Checks screens and remembers what it found, so one run reports every language's leftovers and
 * breakages at once instead of stopping at the first.
 */
export class ScreenChecks {
  readonly findings: Finding[] = [];
  readonly checked: string[] = [];

  /**
   * Screenshots `page` as `<screen>-<locale>-<width>.png` in the test's output, looks for English
   * (pages in other languages) and for layout breakage. `content` is what the test wrote (notes,
   * names, titles): it stays as written.
   */
  async check(page: Page, screen: string, locale: Locale, content: readonly string[] = []): Promise<void> {
    await settled(page);
    const width = page.viewportSize()!.width;
    const name = `${screen}-${locale}-${width}`;
    this.checked.push(name);
    await page.screenshot({ path: test.info().outputPath(`${name}.png`), animations: 'disabled', caret: 'hide' });
    const found = (problem: string) => this.findings.push({ screen, locale, width, problem });
    if (locale !== SOURCE_LOCALE) {
      const text = await visibleText(page);
      for (const leftover of findEnglishLeftovers(text, catalogue(locale), englishCatalogue(), [...CONTENT, ...content]))
        found(`English "${leftover.english}" (${leftover.key}) in "…${leftover.context}…"`);
    }
    for (const problem of await layoutProblems(page)) found(problem);
  }

  /** Every finding, one line each, for the failure message and the report. */
  report(): string {
    return this.findings.map((f) => `${f.screen} ${f.locale} ${f.width}px: ${f.problem}`).join('\n');
  }
}
