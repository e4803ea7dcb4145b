import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  parseStorageAuditCsv,
  uninstalledLogsExpireOn,
  consoleRetentionEndsOn,
  installedSites,
  siteStates,
  eventKey,
  toStorageAuditCsv,
  canonicalEventName,
  isCalendarDay,
  STORAGE_AUDIT_EVENT_NAMES,
  parseStorageAuditCsvLines,
  StorageAuditCsvReader,
} from '../../../src/domain/storage-audit';
import type { StorageAuditEvent } from '../../../src/domain/storage-audit';

const HEADER = 'App ID,App name,Site ID,Product,Environment,Installed version,Event,Event date,Location,Target location';
const APP = '83ba0476-7067-4011-9a80-0a132d9ff63a';
const SITE_A = '87f02c6d-d051-4671-9338-612c4460f2fb';
const SITE_B = '1b2c3d4e-0000-4000-8000-000000000002';
const SITE_C = '0a0a0a0a-0000-4000-8000-000000000003';

/** One CSV row in the console's column order. */
const row = (over: Partial<Record<'site' | 'event' | 'date' | 'target' | 'app' | 'env', string>> = {}): string =>
  [
    over.app ?? APP,
    'spam-log',
    over.site ?? SITE_A,
    'Confluence',
    over.env ?? 'Production',
    '3.1.0',
    over.event ?? 'App installed',
    over.date ?? '2024-03-12',
    'Global',
    over.target ?? 'N/A',
  ].join(',');

const ev = (over: Partial<StorageAuditEvent> = {}): StorageAuditEvent => ({
  appId: APP,
  appName: 'spam-log',
  siteId: SITE_A,
  product: 'Confluence',
  environment: 'Production',
  installedVersion: '3.1.0',
  event: 'App installed',
  eventDate: '2024-03-12',
  location: 'Global',
  targetLocation: null,
  ...over,
});

const lines = (...ls: string[]): string => ls.join('\n');

describe('parseStorageAuditCsv: reading the console download', () => {
  const file = lines(
    HEADER,
    row({ event: 'App installed', date: '2024-03-12' }),
    row({ event: 'Migration scheduled', date: '2024-04-01', target: 'US' }),
    row({ event: 'App uninstalled', date: '2024-05-02' }),
    '',
  );
  const expected = [
    ev({ event: 'App installed', eventDate: '2024-03-12' }),
    ev({ event: 'Migration scheduled', eventDate: '2024-04-01', targetLocation: 'US' }),
    ev({ event: 'App uninstalled', eventDate: '2024-05-02' }),
  ];

  it('reads the ten columns; N/A target is null; a trailing newline is not a row', () => {
    expect(parseStorageAuditCsv(file)).toEqual({ events: expected, errors: [] });
  });

  it('reads CRLF, a BOM, and both together the same way', () => {
    const crlf = file.replaceAll('\n', '\r\n');
    expect(parseStorageAuditCsv(crlf)).toEqual({ events: expected, errors: [] });
    expect(parseStorageAuditCsv(`\uFEFF${file}`)).toEqual({ events: expected, errors: [] });
    expect(parseStorageAuditCsv(`\uFEFF${crlf}`)).toEqual({ events: expected, errors: [] });
  });

  it('reads a BOM in front of a quoted header', () => {
    const quotedHeader = HEADER.split(',').map((h) => `"${h}"`).join(',');
    expect(parseStorageAuditCsv(`\uFEFF${quotedHeader}\r\n${row()}`)).toEqual({ events: [ev()], errors: [] });
  });

  it('reads old-Mac CR line ends too', () => {
    expect(parseStorageAuditCsv(file.replaceAll('\n', '\r'))).toEqual({ events: expected, errors: [] });
  });

  it('matches header names in any case, with spaces around them, in any order; extra columns are ignored', () => {
    const text = lines(
      ' event date ,TARGET LOCATION,Extra,app id,App Name,site id,product,ENVIRONMENT,installed  version,event,location',
      '2024-03-12,US,x,app-1,Name,site-1,Jira,Staging,1.0.0,Migration started,EU',
    );
    expect(parseStorageAuditCsv(text)).toEqual({
      events: [
        {
          appId: 'app-1',
          appName: 'Name',
          siteId: 'site-1',
          product: 'Jira',
          environment: 'Staging',
          installedVersion: '1.0.0',
          event: 'Migration started',
          eventDate: '2024-03-12',
          location: 'EU',
          targetLocation: 'US',
        },
      ],
      errors: [],
    });
  });

  it('trims values and reads n/a, N/A and an empty target as null', () => {
    const text = lines(
      HEADER,
      ` ${APP} , spam-log ,${SITE_A},Confluence,Production,3.1.0, App installed ,2024-03-12,Global, n/a `,
      row({ target: '' }),
      row({ target: ' US ' }),
    );
    const { events, errors } = parseStorageAuditCsv(text);
    expect(errors).toEqual([]);
    expect(events.map((e) => [e.appId, e.appName, e.event, e.targetLocation])).toEqual([
      [APP, 'spam-log', 'App installed', null],
      [APP, 'spam-log', 'App installed', null],
      [APP, 'spam-log', 'App installed', 'US'],
    ]);
  });

  describe('RFC 4180 quoting', () => {
    it('reads commas, escaped quotes and newlines inside quoted fields', () => {
      const text = lines(
        HEADER,
        `${APP},"spam, ""the"" log","${SITE_A}",Confluence,Production,3.1.0,App installed,2024-03-12,Global,N/A`,
        `${APP},"two\nlines",${SITE_A},Confluence,Production,3.1.0,App installed,2024-03-13,Global,N/A`,
      );
      const { events, errors } = parseStorageAuditCsv(text);
      expect(errors).toEqual([]);
      expect(events.map((e) => e.appName)).toEqual(['spam, "the" log', 'two\nlines']);
    });

    it('keeps a CRLF inside a quoted field and counts it as one line', () => {
      const text = [HEADER, `${APP},"a\r\nb",${SITE_A},C,P,1,App installed,2024-03-12,G,N/A`, 'bad', ''].join('\r\n');
      const { events, errors } = parseStorageAuditCsv(text);
      expect(events.map((e) => e.appName)).toEqual(['a\r\nb']);
      expect(errors.map((e) => e.line)).toEqual([4]);
    });

    it('tolerates blanks around a quoted field', () => {
      const text = lines(HEADER, `${APP}, "spam-log" ,${SITE_A},Confluence,Production,3.1.0,App installed,2024-03-12,Global,N/A`);
      expect(parseStorageAuditCsv(text).events.map((e) => e.appName)).toEqual(['spam-log']);
    });

    it('reads a quote inside an unquoted field literally', () => {
      const text = lines(HEADER, `${APP},spam"log,${SITE_A},Confluence,Production,3.1.0,App installed,2024-03-12,Global,N/A`);
      expect(parseStorageAuditCsv(text).events.map((e) => e.appName)).toEqual(['spam"log']);
    });
  });

  describe('line numbers of bad rows', () => {
    it('are file lines: header is 1; blank lines count; a multi-line record pushes the next one down', () => {
      const text = lines(
        HEADER, // 1
        row({ site: '' }), // 2: bad
        '', // 3: blank
        `${APP},"three`, // 4: record starts…
        'line',
        `name",${SITE_A},Confluence,Production,3.1.0,App installed,2024-03-12,Global,N/A`, // …ends on 6
        row({ date: '2025-02-29' }), // 7: bad
        row(), // 8: good
        '',
      );
      const { events, errors } = parseStorageAuditCsv(text);
      expect(errors.map((e) => e.line)).toEqual([2, 7]);
      expect(events).toHaveLength(2);
      expect(events[0]?.appName).toBe('three\nline\nname');
    });

    it('are the same with CRLF and with a BOM', () => {
      const text = lines(HEADER, row(), '', row({ event: '' }), `${APP},"x\ny",${SITE_A},C,P,1,E,2024-01-01,G`, row({ site: ' ' }));
      const plain = parseStorageAuditCsv(text).errors.map((e) => e.line);
      expect(plain).toEqual([4, 5, 7]);
      expect(parseStorageAuditCsv(`\uFEFF${text.replaceAll('\n', '\r\n')}`).errors.map((e) => e.line)).toEqual(plain);
    });
  });

  describe('bad rows are reported and skipped; good rows still come back', () => {
    const check = (bad: string, message: RegExp): void => {
      const { events, errors } = parseStorageAuditCsv(lines(HEADER, row({ date: '2024-01-01' }), bad, row({ date: '2024-01-03' })));
      expect(events.map((e) => e.eventDate)).toEqual(['2024-01-01', '2024-01-03']);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.line).toBe(3);
      expect(errors[0]?.message).toMatch(message);
    };

    it('too few fields', () => check(row().split(',').slice(0, 9).join(','), /expected 10 fields, found 9/i));
    it('too many fields', () => check(`${row()},extra`, /expected 10 fields, found 11/i));
    it('a row of commas only', () => check(',,,,,,,,,', /App ID is empty/));
    it('empty App ID', () => check(row({ app: '' }), /App ID is empty/));
    it('empty Site ID', () => check(row({ site: '  ' }), /Site ID is empty/));
    it('empty Event', () => check(row({ event: '' }), /Event is empty/));
    it('empty Event date', () => check(row({ date: '' }), /Event date is empty/));
    it('text after a closing quote', () => check(`${APP},"spam"log,${SITE_A},C,P,1,App installed,2024-01-02,G,N/A`, /quote/i));

    it.each(['2025-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-3-12', '12/03/2024', '2024-03-12T00:00:00Z', '20240312'])(
      'event date %s is not a calendar date',
      (date) => check(row({ date }), /not a calendar date/),
    );

    it('accepts 29 February in a leap year', () => {
      expect(parseStorageAuditCsv(lines(HEADER, row({ date: '2024-02-29' }))).errors).toEqual([]);
    });

    it('an unclosed quote on the last row', () => {
      const { events, errors } = parseStorageAuditCsv(lines(HEADER, row(), `${APP},"spam-log,${SITE_A},C,P,1,App installed,2024-01-02,G,N/A`, ''));
      expect(events).toHaveLength(1);
      expect(errors).toEqual([{ line: 3, message: expect.stringMatching(/not closed/) }]);
    });

    it('an unclosed quote does not swallow the rows after it', () => {
      const text = lines(
        HEADER,
        row({ date: '2024-01-01' }),
        `${APP},"spam-log,${SITE_A},C,P,1,App installed,2024-01-02,G,N/A`,
        `${APP},"quoted, name",${SITE_A},C,P,1,App installed,2024-01-03,G,N/A`,
        row({ date: '2024-01-04' }),
      );
      const { events, errors } = parseStorageAuditCsv(text);
      expect(errors.map((e) => e.line)).toEqual([3]);
      expect(events.map((e) => e.eventDate)).toEqual(['2024-01-01', '2024-01-03', '2024-01-04']);
    });

    it('reports several problems of one row as one error', () => {
      const { errors } = parseStorageAuditCsv(lines(HEADER, row({ site: '', date: '2024-02-30' })));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(/Site ID is empty.*not a calendar date/);
    });
  });

  describe('the file as a whole', () => {
    it.each([[''], ['\uFEFF'], ['\n\n'], ['\r\n  \r\n']])('an empty file %j is an error', (text) => {
      const result = parseStorageAuditCsv(text);
      expect(result.events).toEqual([]);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.message).toMatch(/empty/i);
    });

    it('a header alone is a valid file with no events', () => {
      expect(parseStorageAuditCsv(`${HEADER}\r\n`)).toEqual({ events: [], errors: [] });
    });

    it('missing header columns: one error at line 1 naming them, and no events', () => {
      const header = HEADER.replace(',Event date', '').replace(',Location', '');
      const body = row().split(',').filter((_, i) => i !== 7 && i !== 8).join(',');
      const { events, errors } = parseStorageAuditCsv(lines(header, body, body));
      expect(events).toEqual([]);
      expect(errors).toHaveLength(1);
      expect(errors[0]?.line).toBe(1);
      expect(errors[0]?.message).toContain('"Event date"');
      expect(errors[0]?.message).toContain('"Location"');
      expect(errors[0]?.message).not.toContain('"Event",');
    });

    it('a column named twice is a header error', () => {
      const { events, errors } = parseStorageAuditCsv(lines(`${HEADER},Site ID`, `${row()},x`));
      expect(events).toEqual([]);
      expect(errors).toEqual([{ line: 1, message: expect.stringContaining('Site ID') }]);
    });

    it('a header with an unclosed quote is an error at its line', () => {
      const { events, errors } = parseStorageAuditCsv(`"App ID,${HEADER.slice(7)}\n${row()}`);
      expect(events).toEqual([]);
      expect(errors.map((e) => e.line)).toEqual([1]);
    });
  });
});

describe('StorageAuditCsvReader: the same reader fed a piece at a time', () => {
  /** Feeds `text` cut at `cuts` (offsets) and collects what the reader answered. */
  function fed(text: string, cuts: number[]) {
    const reader = new StorageAuditCsvReader();
    const at = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
    const pieces = [...at.map((c, i) => text.slice(i === 0 ? 0 : at[i - 1], c)), text.slice(at[at.length - 1] ?? 0)];
    const out = { rows: [] as { line: number; event: StorageAuditEvent }[], errors: [] as { line: number; message: string }[] };
    for (const piece of [...pieces.map((p) => reader.push(p)), reader.end()]) {
      if (piece.refused) return { rows: [], errors: [piece.refused] };
      out.rows.push(...piece.rows);
      out.errors.push(...piece.errors);
    }
    return out;
  }
  // Files with every hard case: quoted commas, doubled quotes, quoted line breaks (CRLF, LF, CR), stray and
  // unclosed quotes, blank lines, a BOM, bad rows, text after a closing quote.
  const FILES = [
    `\uFEFF${HEADER}\r\n${row()}\r\n"${APP}","a, ""b""\r\nc",${SITE_B},Jira,Production,1.0,App installed,2024-01-02,Global,N/A\r\n\r\n${row({ date: '2024-13-01' })}\r\n${row({ site: SITE_C })}\r\n`,
    `${HEADER}\n${row()}\n${APP},"unclosed,${SITE_B},Jira,Production,1.0,App installed,2024-01-02,Global,N/A\n${row({ site: SITE_C })}\n`,
    `${HEADER}\r${row()}\r"${APP}"x,a,b,c,d,e,f,g,h,i\r${row({ site: SITE_B, event: 'App uninstalled' })}`,
    `${HEADER}\n${APP},"x\ny",${SITE_A},"Jira","Prod","1","App installed","2024-02-02","Global",""\n"stray\n${row()}\n`,
  ];

  it('answers exactly what reading the whole text answers, wherever the file is cut', () => {
    for (const text of FILES) {
      const whole = parseStorageAuditCsvLines(text);
      expect(fed(text, [])).toEqual(whole);
      for (let cut = 0; cut <= text.length; cut++) expect(fed(text, [cut])).toEqual(whole);
      fc.assert(
        fc.property(fc.array(fc.nat({ max: text.length }), { maxLength: 12 }), (cuts) => {
            expect(fed(text, cuts)).toEqual(whole);
          }),
        );
    }
  });

  it('answers rows as soon as they are whole, and refuses a file without a usable header', () => {
    const reader = new StorageAuditCsvReader();
    expect(reader.push(`${HEADER}\n${row()}\n${row({ site: SITE_B })}`).rows.map((r) => r.line)).toEqual([2]);
    expect(reader.end().rows.map((r) => r.line)).toEqual([3]);
    expect(fed('', []).errors[0]?.message).toMatch(/empty/);
    expect(fed('Name,Date\nx,y\n', [3]).errors).toHaveLength(1);
    expect(fed(`${HEADER.replace('App ID', 'App\u0000ID')}\n${row()}`, [5]).errors[0]?.message).toMatch(/binary/);
  });
});

describe('isCalendarDay and event names', () => {
  it('checks real dates', () => {
    expect(isCalendarDay('2024-02-29')).toBe(true);
    expect(isCalendarDay('2023-02-29')).toBe(false);
    expect(isCalendarDay('2100-02-29')).toBe(false);
    expect(isCalendarDay('2000-02-29')).toBe(true);
    expect(isCalendarDay('2024-12-31')).toBe(true);
    expect(isCalendarDay('2024-12-32')).toBe(false);
  });

  it('finds the console spelling of every event name however it is cased', () => {
    for (const name of STORAGE_AUDIT_EVENT_NAMES) {
      expect(canonicalEventName(` ${name.toUpperCase()} `)).toBe(name);
    }
    expect(canonicalEventName('App  Installed')).toBe('App installed');
    expect(canonicalEventName('App updated')).toBeNull();
  });
});

describe('console retention', () => {
  it.each([
    ['2024-03-12', '2024-04-11'],
    ['2024-12-15', '2025-01-14'],
    ['2024-02-01', '2024-03-02'],
    ['2023-02-01', '2023-03-03'],
    ['2024-01-31', '2024-03-01'],
  ])('logs of a site uninstalled on %s expire on %s', (day, expected) => {
    expect(uninstalledLogsExpireOn(day)).toBe(expected);
  });

  it('is always exactly 30 calendar days later', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        const expected = new Date(Date.parse(`${day}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
        expect(uninstalledLogsExpireOn(day)).toBe(expected);
      }),
    );
  });

  it.each([
    ['2024-03-12', '2026-03-12'],
    ['2024-02-29', '2026-02-28'],
    ['2023-02-28', '2025-02-28'],
    ['2022-02-28', '2024-02-28'],
    ['2022-03-01', '2024-03-01'],
    ['2024-12-31', '2026-12-31'],
  ])('console retention of an event on %s ends on %s (29 Feb clamps to 28 Feb)', (day, expected) => {
    expect(consoleRetentionEndsOn(day)).toBe(expected);
  });

  it('rejects what is not a calendar date', () => {
    expect(() => uninstalledLogsExpireOn('2025-02-29')).toThrow(RangeError);
    expect(() => consoleRetentionEndsOn('soon')).toThrow(RangeError);
  });
});

describe('installedSites', () => {
  const q = (from: string, to: string, over: Partial<{ appId: string; environment: string }> = {}) => ({
    appId: APP,
    environment: 'Production',
    from,
    to,
    ...over,
  });
  const install = (siteId: string, eventDate: string, over: Partial<StorageAuditEvent> = {}): StorageAuditEvent =>
    ev({ siteId, eventDate, event: 'App installed', ...over });
  const uninstall = (siteId: string, eventDate: string, over: Partial<StorageAuditEvent> = {}): StorageAuditEvent =>
    ev({ siteId, eventDate, event: 'App uninstalled', ...over });
  const other = (siteId: string, eventDate: string, event = 'Forge backfill started'): StorageAuditEvent =>
    ev({ siteId, eventDate, event });

  describe('one install/uninstall cycle', () => {
    const events = [uninstall(SITE_A, '2024-03-20'), install(SITE_A, '2024-03-10')];
    it.each([
      ['2024-03-01', '2024-03-09', []],
      ['2024-03-01', '2024-03-10', [SITE_A]], // install day counts
      ['2024-03-12', '2024-03-15', [SITE_A]], // inside
      ['2024-03-20', '2024-03-31', [SITE_A]], // uninstall day counts
      ['2024-03-21', '2024-03-31', []],
      ['2024-01-01', '2024-12-31', [SITE_A]],
    ])('[%s, %s] → %j', (from, to, expected) => {
      expect(installedSites(events, q(from, to))).toEqual(expected);
    });
  });

  it('a site never uninstalled stays installed', () => {
    expect(installedSites([install(SITE_A, '2024-03-10')], q('2030-01-01', '2030-01-01'))).toEqual([SITE_A]);
  });

  it('another event without an earlier install counts as an install on its date, nothing before it', () => {
    const events = [other(SITE_A, '2024-03-28')];
    expect(installedSites(events, q('2024-03-01', '2024-03-27'))).toEqual([]);
    expect(installedSites(events, q('2024-03-28', '2024-03-28'))).toEqual([SITE_A]);
    expect(installedSites(events, q('2025-06-01', '2025-06-30'))).toEqual([SITE_A]);
  });

  it('…and lasts until an uninstall event', () => {
    const events = [uninstall(SITE_A, '2024-05-01'), other(SITE_A, '2024-03-28', 'Migration completed')];
    expect(installedSites(events, q('2024-04-15', '2024-04-15'))).toEqual([SITE_A]);
    expect(installedSites(events, q('2024-05-01', '2024-05-01'))).toEqual([SITE_A]);
    expect(installedSites(events, q('2024-05-02', '2024-12-31'))).toEqual([]);
  });

  it('an uninstall without an earlier install counts only its own day', () => {
    const events = [uninstall(SITE_A, '2024-05-01')];
    expect(installedSites(events, q('2024-04-30', '2024-04-30'))).toEqual([]);
    expect(installedSites(events, q('2024-05-01', '2024-05-01'))).toEqual([SITE_A]);
    expect(installedSites(events, q('2024-05-02', '2024-05-02'))).toEqual([]);
  });

  it('an event after an uninstall means the app is back (an install the logs lost)', () => {
    const events = [install(SITE_A, '2024-01-01'), uninstall(SITE_A, '2024-02-01'), other(SITE_A, '2024-03-01', 'Migration started')];
    expect(installedSites(events, q('2024-02-02', '2024-02-29'))).toEqual([]);
    expect(installedSites(events, q('2024-03-05', '2024-03-05'))).toEqual([SITE_A]);
  });

  describe('several cycles', () => {
    const events = [
      uninstall(SITE_A, '2024-01-15'),
      install(SITE_A, '2024-01-10'),
      install(SITE_A, '2024-01-01'),
      uninstall(SITE_A, '2024-01-05'),
    ];
    it.each([
      ['2024-01-05', '2024-01-05', [SITE_A]],
      ['2024-01-06', '2024-01-09', []],
      ['2024-01-09', '2024-01-10', [SITE_A]],
      ['2024-01-12', '2024-01-12', [SITE_A]],
      ['2024-01-16', '2024-02-01', []],
    ])('[%s, %s] → %j', (from, to, expected) => {
      expect(installedSites(events, q(from, to))).toEqual(expected);
    });
  });

  it('install and uninstall on one day: installed that day only', () => {
    const events = [uninstall(SITE_A, '2024-06-01'), install(SITE_A, '2024-06-01')];
    expect(installedSites(events, q('2024-06-01', '2024-06-01'))).toEqual([SITE_A]);
    expect(installedSites(events, q('2024-06-02', '2024-06-30'))).toEqual([]);
    expect(installedSites(events, q('2024-05-31', '2024-05-31'))).toEqual([]);
  });

  it('uninstall and reinstall on one day while installed: still installed after', () => {
    const events = [install(SITE_A, '2024-06-01'), uninstall(SITE_A, '2024-06-10'), install(SITE_A, '2024-06-10')];
    expect(installedSites(events, q('2024-06-11', '2024-06-11'))).toEqual([SITE_A]);
  });

  it('matches the environment case-insensitively, and only that app and environment', () => {
    const events = [
      install(SITE_A, '2024-01-01', { environment: 'production' }),
      install(SITE_B, '2024-01-01', { environment: 'Staging' }),
      install(SITE_C, '2024-01-01', { appId: 'another-app' }),
    ];
    expect(installedSites(events, q('2024-01-01', '2024-01-01', { environment: 'PRODUCTION ' }))).toEqual([SITE_A]);
    expect(installedSites(events, q('2024-01-01', '2024-01-01', { environment: 'staging' }))).toEqual([SITE_B]);
  });

  it('accepts the app ID as an ARI', () => {
    expect(installedSites([install(SITE_A, '2024-01-01')], q('2024-01-01', '2024-01-01', { appId: `ari:cloud:ecosystem::app/${APP}` }))).toEqual([
      SITE_A,
    ]);
  });

  it('returns sorted unique site IDs', () => {
    const events = [
      install(SITE_B, '2024-01-03'),
      install(SITE_A, '2024-01-02'),
      other(SITE_A, '2024-01-04', 'Migration scheduled'),
      install(SITE_C, '2024-01-01'),
      install(SITE_A, '2024-01-02'),
    ];
    expect(installedSites(events, q('2024-01-01', '2024-12-31'))).toEqual([SITE_C, SITE_B, SITE_A].sort());
  });

  it('keeps each product of a site apart: the site counts while any product has the app', () => {
    const events = [
      install(SITE_A, '2024-01-01', { product: 'Jira' }),
      install(SITE_A, '2024-01-01', { product: 'Confluence' }),
      uninstall(SITE_A, '2024-02-01', { product: 'Confluence' }),
    ];
    expect(installedSites(events, q('2024-03-01', '2024-03-01'))).toEqual([SITE_A]);
    expect(installedSites(events.slice(1), q('2024-03-01', '2024-03-01'))).toEqual([]);
  });

  it('is empty for a window that ends before it starts, and rejects malformed days', () => {
    expect(installedSites([install(SITE_A, '2024-01-01')], q('2024-02-01', '2024-01-31'))).toEqual([]);
    expect(() => installedSites([], q('2024-02-30', '2024-03-01'))).toThrow(RangeError);
  });

  describe('properties', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2024-02-${String(d).padStart(2, '0')}`);
    const eventArb = fc.record({
      siteId: fc.constantFrom(SITE_A, SITE_B, SITE_C),
      eventDate: day,
      event: fc.constantFrom('App installed', 'App uninstalled', 'Migration started', 'Forge backfill completed'),
    });
    const eventsArb = fc.array(eventArb.map((e) => ev(e)), { maxLength: 12 });
    const windowArb = fc.tuple(day, day).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [string, string]);

    it('does not depend on the order of the input', () => {
      fc.assert(
        fc.property(eventsArb, windowArb, fc.func(fc.integer()), (events, [from, to], f) => {
          const shuffled = [...events].sort((a, b) => f(a) - f(b));
          expect(installedSites(shuffled, q(from, to))).toEqual(installedSites(events, q(from, to)));
        }),
      );
    });

    it('a window is the union of its days', () => {
      fc.assert(
        fc.property(eventsArb, windowArb, (events, [from, to]) => {
          const union = new Set<string>();
          for (let d = Number(from.slice(8)); d <= Number(to.slice(8)); d += 1) {
            const one = `2024-02-${String(d).padStart(2, '0')}`;
            for (const s of installedSites(events, q(one, one))) union.add(s);
          }
          expect(installedSites(events, q(from, to))).toEqual([...union].sort());
        }),
      );
    });

    it('every site with an event inside the window is installed in it; none before its first event', () => {
      fc.assert(
        fc.property(eventsArb, windowArb, (events, [from, to]) => {
          const sites = installedSites(events, q(from, to));
          for (const e of events) {
            if (e.eventDate >= from && e.eventDate <= to) expect(sites).toContain(e.siteId);
          }
          for (const s of sites) {
            const first = events.filter((e) => e.siteId === s).map((e) => e.eventDate).sort()[0];
            expect(first !== undefined && first <= to).toBe(true);
          }
        }),
      );
    });
  });
});

describe('siteStates', () => {
  const query = { appId: APP, environment: 'production' };

  it('describes installed and uninstalled sites, sorted by site', () => {
    const events = [
      ev({ siteId: SITE_B, event: 'App installed', eventDate: '2024-01-01', installedVersion: '1.0.0' }),
      ev({ siteId: SITE_B, event: 'Migration scheduled', eventDate: '2024-02-01', targetLocation: 'EU', installedVersion: '1.1.0' }),
      ev({ siteId: SITE_A, event: 'App installed', eventDate: '2024-01-05' }),
      ev({ siteId: SITE_A, event: 'App uninstalled', eventDate: '2024-03-01', location: 'US' }),
    ];
    expect(siteStates(events, query, '2024-03-15')).toEqual([
      {
        siteId: SITE_B,
        product: 'Confluence',
        state: 'installed',
        since: '2024-01-01',
        installedVersion: '1.1.0',
        location: 'Global',
        pendingMigration: { status: 'scheduled', date: '2024-02-01', targetLocation: 'EU' },
      },
      {
        siteId: SITE_A,
        product: 'Confluence',
        state: 'uninstalled',
        since: '2024-03-01',
        installedVersion: '3.1.0',
        location: 'US',
        downloadAgainBefore: '2024-03-31',
      },
    ].sort((a, b) => (a.siteId < b.siteId ? -1 : 1)));
  });

  it('offers a download until the 30th day after the uninstall, then says the console erased the logs', () => {
    const events = [ev({ event: 'App uninstalled', eventDate: '2024-03-01' })];
    expect(siteStates(events, query, '2024-03-31')[0]?.downloadAgainBefore).toBe('2024-03-31');
    const after = siteStates(events, query, '2024-04-01')[0];
    expect(after?.downloadAgainBefore).toBeUndefined();
    expect(after?.consoleLogsErasedOn).toBe('2024-03-31');
  });

  it('dates the current installation from the latest reinstall', () => {
    const events = [
      ev({ event: 'App installed', eventDate: '2024-01-01' }),
      ev({ event: 'App uninstalled', eventDate: '2024-02-01' }),
      ev({ event: 'App installed', eventDate: '2024-03-01' }),
      ev({ event: 'Migration completed', eventDate: '2024-04-01', targetLocation: 'DE' }),
    ];
    const [state] = siteStates(events, query, '2024-05-01');
    expect(state?.state).toBe('installed');
    expect(state?.since).toBe('2024-03-01');
    expect(state?.pendingMigration).toBeUndefined();
    expect(state?.downloadAgainBefore).toBeUndefined();
  });

  it('reports a failed migration, started migrations and the backfill', () => {
    const events = [
      ev({ event: 'Forge backfill started', eventDate: '2024-03-28', targetLocation: 'Global' }),
      ev({ event: 'forge backfill completed', eventDate: '2024-03-28' }),
      ev({ event: 'Migration started', eventDate: '2024-04-01', targetLocation: 'EU' }),
      ev({ event: 'Migration failed', eventDate: '2024-04-01', targetLocation: 'EU' }),
    ];
    const [state] = siteStates(events, query, '2024-05-01');
    expect(state).toMatchObject({
      state: 'installed',
      since: '2024-03-28',
      failedMigration: { date: '2024-04-01', targetLocation: 'EU' },
      backfill: { started: '2024-03-28', completed: '2024-03-28' },
    });
    expect(state?.pendingMigration).toBeUndefined();
    const started = siteStates(events.slice(0, 3), query, '2024-05-01')[0];
    expect(started?.pendingMigration).toEqual({ status: 'started', date: '2024-04-01', targetLocation: 'EU' });
  });
});

describe('eventKey', () => {
  it('is the same for the same event however it is spaced, cased, or its target written', () => {
    const a = ev({ event: 'Migration completed', targetLocation: null });
    const b = ev({
      appId: ` ari:cloud:ecosystem::app/${APP.toUpperCase()} `,
      environment: ' PRODUCTION',
      event: 'migration  completed',
      targetLocation: 'N/A',
    });
    expect(eventKey(a)).toBe(eventKey(b));
  });

  it('differs when any one of the ten fields differs', () => {
    const base = ev({ targetLocation: 'US' });
    const changed: Partial<StorageAuditEvent>[] = [
      { appId: 'x' },
      { appName: 'x' },
      { siteId: 'x' },
      { product: 'x' },
      { environment: 'x' },
      { installedVersion: 'x' },
      { event: 'x' },
      { eventDate: '2024-03-13' },
      { location: 'x' },
      { targetLocation: 'EU' },
      { targetLocation: null },
    ];
    const keys = new Set([eventKey(base), ...changed.map((c) => eventKey({ ...base, ...c }))]);
    expect(keys.size).toBe(changed.length + 1);
  });

  it('cannot be confused by a separator inside a value', () => {
    expect(eventKey(ev({ appName: 'a","b', product: 'c' }))).not.toBe(eventKey(ev({ appName: 'a', product: 'b","c' })));
  });
});

describe('toStorageAuditCsv', () => {
  it('writes the console header, RFC 4180 quoting, CRLF and N/A', () => {
    const csv = toStorageAuditCsv([ev({ appName: 'spam, "log"\nv2', targetLocation: null }), ev({ targetLocation: 'US' })]);
    expect(csv).toBe(
      `${HEADER}\r\n` +
        `${APP},"spam, ""log""\nv2",${SITE_A},Confluence,Production,3.1.0,App installed,2024-03-12,Global,N/A\r\n` +
        `${APP},spam-log,${SITE_A},Confluence,Production,3.1.0,App installed,2024-03-12,Global,US\r\n`,
    );
  });

  it('neutralises cells a spreadsheet would run as a formula, as the indicator CSV does', () => {
    for (const start of ['=', '+', '-', '@']) {
      const csv = toStorageAuditCsv([ev({ appName: `${start}HYPERLINK("http://x.example")`, location: `${start}1+1` })]);
      const row = csv.split('\r\n')[1] ?? '';
      expect(row).toContain(`'${start}HYPERLINK(""http://x.example"")`);
      expect(row).toContain(`,'${start}1+1,`);
      expect(parseStorageAuditCsv(csv).events[0]).toMatchObject({ appName: `${start}HYPERLINK("http://x.example")`, location: `${start}1+1` });
    }
  });

  it('writes a header alone for no events', () => {
    expect(toStorageAuditCsv([])).toBe(`${HEADER}\r\n`);
  });

  it('round-trips: parse(toCsv(events)) gives the events back', () => {
    const char = fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '\n', '\r', '\r\n', 'é', '/', '-', '\t', '日', '=', '+', '@', "'");
    const text = fc.string({ unit: char, maxLength: 12 }).filter((s) => s.trim() === s);
    const required = text.filter((s) => s !== '');
    const target = fc.option(required.filter((s) => s.toUpperCase() !== 'N/A'), { nil: null });
    const date = fc
      .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const event = fc.record({
      appId: required,
      appName: text,
      siteId: required,
      product: text,
      environment: text,
      installedVersion: text,
      event: required,
      eventDate: date,
      location: text,
      targetLocation: target,
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 8 }), (events) => {
        expect(parseStorageAuditCsv(toStorageAuditCsv(events))).toEqual({ events, errors: [] });
      }),
      { numRuns: 300 },
    );
  });
});
