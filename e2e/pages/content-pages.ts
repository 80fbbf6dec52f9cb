import type { Locator } from 'playwright-core';
import { AppPage, captioned, exactly } from './app-page';
import { recordsOf } from './table';

/** What the lesson and quiz editors share: title, content language, Save draft and Publish. */
class ContentEditorPage extends AppPage {
  async setTitle(title: string): Promise<void> {
    await this.main.getByRole('textbox', { name: this.t('content.title'), exact: true }).fill(title);
  }

  async setLanguage(language: 'ar' | 'fr'): Promise<void> {
    await this.main
      .getByRole('combobox', { name: this.t('content.language'), exact: true })
      .selectOption(language);
  }

  /** Publishes (saving first) and waits for the version number the server gave. */
  async publish(): Promise<number> {
    const res = await this.answer('POST', /^\/api\/v1\/content\/[^/]+\/publish$/, () =>
      this.main.getByRole('button', { name: this.t('content.publish'), exact: true }).click(),
    );
    if (res.status() !== 200) throw new Error(`publishing was refused: ${await res.text()}`);
    const { version } = (await res.json()) as { version: number };
    await this.notice(this.t('content.publishedVersion', { version })).waitFor();
    await this.ready();
    return version;
  }

  /** The sentence under the form saying whether learners see the latest changes. */
  async state(): Promise<string> {
    return (await this.main.locator('.editor-state').textContent()) ?? '';
  }
}

/** `/content/lessons/new` and a lesson's page. */
export class LessonEditorPage extends ContentEditorPage {
  block(n: number, type: 'richText' | 'image' | 'audio' | 'video' | 'pdf' | 'quiz'): Locator {
    const name = this.t('content.blockLegend', { n, type: this.t(`content.block.${type}`) });
    return this.main.getByRole('group', { name: exactly(name) });
  }

  /** Types into a rich-text block, making the first words bold with the toolbar. */
  async write(n: number, bold: string, rest: string): Promise<void> {
    const block = this.block(n, 'richText');
    await block.getByRole('textbox', { name: this.t('content.block.text'), exact: true }).click();
    await block.getByRole('button', { name: this.t('content.rt.bold'), exact: true }).click();
    await this.page.keyboard.type(bold);
    await block.getByRole('button', { name: this.t('content.rt.bold'), exact: true }).click();
    await this.page.keyboard.type(rest);
  }
}

/** `/content/quizzes/new` and a quiz's page. */
export class QuizEditorPage extends ContentEditorPage {
  item(n: number, type: string): Locator {
    const name = this.t('content.item.legend', { n, type: this.t(`content.item.type.${type}` as never) });
    return this.main.getByRole('group', { name: exactly(name) });
  }

  async addItem(type: string): Promise<void> {
    await this.main
      .getByRole('combobox', { name: this.t('content.item.type'), exact: true })
      .selectOption(type);
    await this.main.getByRole('button', { name: this.t('content.addItem'), exact: true }).click();
  }

  async prompt(item: Locator, text: string): Promise<void> {
    await item.getByRole('textbox', { name: this.t('content.item.prompt'), exact: true }).fill(text);
  }

  /** Fills a single-choice item's options and marks the one at `correct` (0-based) as the answer. */
  async singleChoice(item: Locator, options: string[], correct: number): Promise<void> {
    for (const [i, text] of options.entries()) {
      if (i >= 2)
        await item.getByRole('button', { name: this.t('content.item.addOption'), exact: true }).click();
      const option = this.t('content.item.optionN', { n: i + 1 });
      await item.getByRole('textbox', { name: option, exact: true }).fill(text);
    }
    const option = this.t('content.item.optionN', { n: correct + 1 });
    await item
      .getByRole('radio', { name: `${this.t('content.item.correct')} ${option}`, exact: true })
      .check();
  }

  async accepted(item: Locator, answers: string[]): Promise<void> {
    for (const [i, text] of answers.entries()) {
      if (i >= 1) {
        const list = this.t('content.item.accepted');
        await item.getByRole('button', { name: this.t('content.item.addTo', { list }), exact: true }).click();
      }
      const label = this.t('content.item.acceptedN', { n: i + 1 });
      await item.getByRole('textbox', { name: label, exact: true }).fill(text);
    }
  }

  /** Answers an item in its "Try it" panel with text and returns what the grader said. */
  async tryText(item: Locator, answer: string): Promise<string> {
    await item.getByText(this.t('content.try.title'), { exact: true }).click();
    await item.getByRole('textbox', { name: this.t('content.try.yourAnswer'), exact: true }).fill(answer);
    await item.getByRole('button', { name: this.t('content.try.check'), exact: true }).click();
    return (await item.locator('.try-answer [role=status]').textContent()) ?? '';
  }
}

/** `/content`: the library of lessons and quizzes. */
export class ContentLibraryPage extends AppPage {
  get table(): Locator {
    return this.main.getByRole('table', { name: captioned(this.t('content.library')) });
  }

  async search(q: string): Promise<void> {
    const search = this.main.getByRole('search');
    await search.getByRole('searchbox').fill(q);
    await this.answer('GET', '/api/v1/content?', () =>
      search.getByRole('button', { name: this.t('common.search'), exact: true }).click(),
    );
    await this.ready();
  }

  rows(): Promise<Array<Record<string, string>>> {
    return recordsOf(this.table);
  }
}
