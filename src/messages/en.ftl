### tanrak's messages in English. Every id here is also in th.ftl, with the same values.
### Ids of diagnostics start with their code (`yaml--tab` belongs to the code `yaml`);
### `.help` is the line on how to fix it.

## Words around every report

severity-error = error
severity-warning = warning
help-label = help
count-errors = { $n ->
    [one] 1 error
   *[other] { $n } errors
}
count-warnings = { $n ->
    [one] 1 warning
   *[other] { $n } warnings
}

## The command line

cli-about = Builds a bilingual Thai/English public reporting site from YAML records and Markdown
cli-usage-heading = Usage
cli-commands-heading = Commands
cli-options-heading = Options
cli-arguments-heading = Arguments
cli-help = Print help
cli-version = Print version
cli-help-command = Print this message or the help of the given command
cli-lang = The language of messages: th or en (default: LANG or LC_ALL, else the site's first language)
cli-root = The site's folder, holding content/ (and optionally themes/); default: the current folder
cli-build = Build the site into a folder (public/ by default)
cli-build-output = Where to write the site; default: public (inside the site's folder)
cli-build-base-url = The address the site will be published at (overrides base_url in site.yaml)
cli-build-precompress = Also write a .gz and a .br copy beside each text file, for hosts that serve them
cli-new = Start an area's record, a page or an update note from a skeleton (never replaces a file)
cli-new-what = What to start: the report's area key (like province or district), page, or update
cli-new-name = The area's code in the areas list (like TH-50), or the page's or note's address part (lower-case letters, digits and hyphens)
cli-new-examples = Examples:
      tanrak new province TH-50     the record of an area (the word is the area key in content/report.yaml)
      tanrak new page how-to-apply  a page in each of the site's languages
      tanrak new update new-figures an update note dated today, in each language
cli-schema = Write the JSON Schemas of the site's YAML files into schemas/, from content/report.yaml
cli-check = Check the content for every problem a build would find, and more, without writing a site
cli-check-format = How to print the problems: text (the default) for people, json for tools, github to mark them on the files in GitHub Actions
cli-check-deny-warnings = Fail (exit code 1) on warnings too, not only on errors
cli-serve = Preview the site while editing: build it, serve it on this computer, rebuild on change
cli-serve-port = The port to listen on at 127.0.0.1; default: 1111 (0 picks a free one)

check-clean = check: no problems found
check-summary = check: { $errors }, { $warnings }
cli-init = Start a new site's repository in a new or empty folder, ready to check and publish
cli-init-folder = The new site's folder (new, or empty); the current folder by default
cli-init-title-th = The site's title in Thai
cli-init-title-en = The site's title in English
cli-init-languages = The site's languages, the main one first: th,en (the default), th or en
cli-init-area-word-th = What one area of the report is called, in Thai (like อำเภอ)
cli-init-area-word-en = What one area of the report is called, in English: one word, a-z (like district); it names the areas' addresses
cli-init-theme = Also write the built-in theme into themes/default/, to change it
cli-init-from = Start from an existing site instead: bundled, examples/<name>, or a site's folder
cli-init-releases = The GitHub repository (owner/name) whose releases hold tanrak, for the site's workflow
cli-init-examples = Examples:
      tanrak init my-site
      tanrak init my-site --languages th,en --title-th "รายงานผล" --title-en "Results" --area-word-th อำเภอ --area-word-en district
      tanrak init my-copy --from bundled
init-ask-languages = The site's languages, the main one first (th,en / th / en)
init-ask-title-th = The site's title in Thai
init-ask-title-en = The site's title in English
init-ask-area-th = What one area of the report is called, in Thai (like อำเภอ)
init-ask-area-en = What one area of the report is called, in English: one word (like district)
init-done = init: made a new site in { $folder } ({ $n } files). Next: `tanrak check --root { $folder }` lists the examples to replace; `tanrak serve --root { $folder }` previews the site; README.md says how to publish it
init-nothing-written = init: nothing was written
init--not-empty = `{ $folder }` already holds files: `tanrak init` writes only into a new or empty folder
    .help = choose a new folder, like `tanrak init my-site`; to start from this site, copy its folder instead
init--not-a-folder = `{ $folder }` is a file, not a folder
    .help = choose a new folder name, like `tanrak init my-site`
init--language = `{ $code }` is not a language tanrak can make a site in
    .help = give th, en or both, the main one first: `--languages th,en`
init--title-language = a title in `{ $code }` was given, but `{ $code }` is not one of the site's languages
    .help = add `{ $code }` to `--languages`, or leave out `--title-{ $code }`
init--title-empty = the site's title in `{ $code }` is empty
    .help = give it with `--title-{ $code } "…"`; it can be changed later in content/site.yaml
init--area-word = `{ $word }` cannot be the word for one area
    .help = in English give one word of the letters a-z (like `district`); in Thai give the word (like `อำเภอ`)
init--from = there is no site `{ $from }` to start from
    .help = give `bundled`, one of { $names }, or the folder of a site (the folder holding its content/)
init--from-flags = `{ $flag }` cannot be given with `--from`: the site started from has its own title, languages and areas
    .help = leave out `{ $flag }` and change the copy's content/site.yaml afterwards, or leave out `--from` to start a new site
build-done = built { $pages } pages, { $charts } charts, { $previews } preview images ({ $cached } from the cache), a search index of { $words } words ({ $kb } KB), { $files } files ({ $mb } MB) in { $ms } ms
build-done-warnings = built { $pages } pages, { $charts } charts, { $previews } preview images ({ $cached } from the cache), a search index of { $words } words ({ $kb } KB), { $files } files ({ $mb } MB) in { $ms } ms, { $warnings }
build-failed = build failed: { $errors }, { $warnings }; the output folder was not changed

# Progress line of a long build (drawn on a terminal only)
progress-read = reading files
progress-check = checking
progress-render = rendering pages
progress-finish = data, search, sitemap
progress-compress = compressing
progress-elapsed = { $s } s
progress-left = about { $s } s left
new-wrote = wrote { $file }

## The preview (tanrak serve)

serve-no-content = { $root } has no content/ folder: give the site's folder with --root
serve-cannot-listen = cannot listen on 127.0.0.1:{ $port }: { $reason }
    .help = choose another port with --port (--port 0 picks a free one)
serve-cannot-watch = cannot watch { $what }: { $reason }
serve-watching = watching { $folders } for changes; open { $url } in a browser; press Ctrl-C to stop
serve-and = and
serve-built = built in { $ms } ms: { $pages } pages, { $files } files
serve-built-warnings = built in { $ms } ms: { $pages } pages, { $files } files, { $warnings }
serve-rebuilt = rebuilt in { $ms } ms: { $pages } pages, { $files } files
serve-rebuilt-warnings = rebuilt in { $ms } ms: { $pages } pages, { $files } files, { $warnings }
serve-rebuilt-part = rebuilt in { $ms } ms: { $rendered } of { $pages } pages rendered again (the rest did not change), { $files } files
serve-rebuilt-part-warnings = rebuilt in { $ms } ms: { $rendered } of { $pages } pages rendered again (the rest did not change), { $files } files, { $warnings }
serve-rebuilt-errors = rebuilt in { $ms } ms: { $errors }; the browser shows them until they are fixed
serve-built-errors = built in { $ms } ms: { $errors }; the browser shows them until they are fixed
error-page-title = The content has errors
error-page-intro = Fix the files listed below and save them. This page shows the site again by itself once everything is fixed.

## Reading files (content/)

io = cannot read this file: { $reason }
    .help = check that the file exists and can be read
io--folder = cannot read: { $reason }
changed = this file changed while the site was being built
    .help = build again once the file is saved; nothing was published from this build
not-utf8 = this file is not UTF-8 text
    .help = save the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8); Thai text saved as TIS-620 or Windows-874 cannot be read
front-matter--unclosed = the front matter that starts here is never closed
    .help = add a line with only `---` after the title, summary and updated lines
no-content = there is no `content` folder here
    .help = run tanrak in the site's folder (the one holding `content/`), or pass --root DIR
unused-file = this file is not used by the site
    .help = area records go in content/{ $segment }/<slug>.yaml with <slug>.<lang>.md beside them; pages go in content/pages/<name>.<lang>.md; dated notes go in content/updates/<date>-<name>.<lang>.md; UI strings in content/strings/<lang>.yaml
missing-file--areas = the list of areas `content/{ $file }` is missing
    .help = create it with the header code,slug,name_<lang> for each language (and the group columns, if the report groups its areas) and one line per area
missing-file--site = `content/{ $name }` is missing
    .help = every site needs content/site.yaml, content/report.yaml and content/national.yaml: copy them from the bundled site or an example in examples/ and edit them

## YAML

yaml--tab = this line is indented with a tab
    .help = YAML counts spaces: replace the tab with spaces (two for each level)
yaml--indent = this line is indented by { $found ->
        [one] 1 space
       *[other] { $found } spaces
    }, but the lines of its group by { $expected ->
        [one] 1 space
       *[other] { $expected } spaces
    }
    .help = put { $expected ->
        [one] 1 space
       *[other] { $expected } spaces
    } before `{ $key }`, to line it up with the lines above it
yaml--indent-left = this line is indented by { $found ->
        [one] 1 space
       *[other] { $found } spaces
    }, but the lines of its group start at the left edge
    .help = remove the spaces before `{ $key }`, to line it up with the lines above it
yaml--missing-colon = there is no colon after the field name `{ $key }`
    .help = write `{ $fixed }`: the field name, a colon, a space, then the value
yaml--no-space = there is no space after the colon of `{ $key }`
    .help = write `{ $key }: ` and then the value, with a space after the colon
yaml--item-among-fields = this list item (`- `) stands among `name: value` fields
    .help = remove the `- `: this group holds `name: value` fields, not a list
    .help-list = if `{ $key }` is a field of this group, remove the `- `; if it starts a new item of the list above, put its `- ` under the other ones ({ $spaces ->
        [one] 1 space
       *[other] { $spaces } spaces
    })
yaml--field-among-items = `{ $key }` is lined up with the `- ` of the list items, so it belongs to none of them
    .help = put { $spaces ->
        [one] 1 space
       *[other] { $spaces } spaces
    } before `{ $key }` to make it part of the item above, or start it with `- ` if it is a new item
    .help-no-item = start it with `- ` if it is a new item, or indent it under the item it belongs to
yaml--unknown-field = unknown field `{ $field }`
    .help = did you mean `{ $best }`? Fields allowed here: { $allowed }
    .help-allowed = fields allowed here: { $allowed }
    .help-none = remove this field
yaml--missing-field = the field `{ $field }` is missing
    .help = add a line `{ $field }: …` to this group of fields
yaml--unknown-value = `{ $value }` is not an allowed value here
    .help = did you mean `{ $best }`? Allowed values: { $allowed }
    .help-allowed = allowed values: { $allowed }
yaml--duplicate = the field `{ $key }` is written twice
    .help = keep one of them and delete the other
yaml--not-list = this should be a list
    .help = write each item on its own line starting with `- `, or `[]` for an empty list
yaml--not-group = this should be a group of `name: value` fields
    .help = compare this part with the example in the editors' guide (docs/editing.en.md)
yaml--not-boolean = this must be `true` or `false`
    .help = write true or false (not yes/no/on/off)
yaml--syntax = YAML syntax error: { $detail }
    .help = check the indentation of this line and the one above it (use spaces, two per level), and that every quote is closed
yaml--wrong-kind = wrong kind of value: { $detail }
    .help = compare this line with the example in the editors' guide (docs/editing.en.md)
yaml--other = { $detail }

## Values read from YAML (numbers and dates)

yaml--not-number = `{ $value }` is not a number: write digits only, like 2700, 2,700 or ๒๗๐๐
yaml--too-large = { $value } is too large
yaml--not-whole = `{ $value }` is not a whole number: write it without a decimal point
yaml--not-date = `{ $value }` is not a date: write it as year-month-day, like 2017-03-03 for 3 March 2017
yaml--not-day = `{ $value }` is not a day of the calendar
yaml--not-month = `{ $value }` is not a month: write it as year-month, like 2016-10 for October 2016
yaml--no-such-month = `{ $value }` has no month { $month }: months are 01 to 12
yaml--buddhist-year = `{ $value }` has the year { $year } (it looks like a Buddhist-Era year: write the Gregorian year, which is 543 less)

## The list of areas (areas.csv)

csv--header = cannot read the header: { $reason }
csv = this line cannot be read: { $reason }
csv-header = the first line must be the header `{ $header }`
    .help = put the column names back exactly as shown, in that order
too-many-areas = the list has more than { $max } areas from this line on; tanrak adds up the values of at most { $max } areas exactly
    .help = make one report per part of the country (a region, for example), each with at most { $max } areas
csv-columns = this line has { $found } values; it needs { $needed }
    .help = each line is { $header }; put a name that contains a comma in double quotes

## The map's outlines (areas.geojson)

no-boundaries = there is no boundaries file, so the map is left out
    .help = add content/areas.geojson: a GeoJSON FeatureCollection with one feature per area and its code in the `code` property
boundaries--unreadable = this is not a GeoJSON FeatureCollection the map can use: { $reason }
    .help = the file must be a FeatureCollection of Polygon or MultiPolygon features, each with a `code` property from content/areas.csv
boundaries--no-code = feature { $n } has no `code` property and is not drawn
    .help = give every feature a `code` property from content/areas.csv
boundaries--unknown-code = feature { $n } has the code `{ $code }`, which is not in content/areas.csv; it is not drawn
    .help = correct the code, or remove the feature
boundaries--not-polygon = the outline of `{ $code }` is not a Polygon or MultiPolygon with points; it is not drawn
    .help = use Polygon or MultiPolygon geometry with [longitude, latitude] points
boundaries--twice = `{ $code }` has more than one feature; only the first is drawn
    .help = merge the features into one MultiPolygon
boundaries--no-outline = { $code } ({ $name_en }) has no outline, so it is missing from the map
    .help = add a feature with this code to the boundaries file

## Links in the text

relative-link = the link `{ $dest }` does not start with `/`, so where it leads depends on the page it is on
    .help = write site links from the site root, like { $example }
broken-link = the link `{ $dest }` leads to no page of this site
    .help-slash = add the final slash: `{ $fixed }`
    .help-best = did you mean `{ $best }`?
    .help = link to a page of this site, like { $example } (pages in another language start with its code, like /en/)
broken-anchor = the link `{ $dest }` points at `#{ $fragment }`, but the { $lang ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $lang }`
    } questions page has questions #q1 to #q{ $count }
    .help = each question's address is #q and its number in the file (the order of its `## ` headings): use #q1 to #q{ $count }

## Lengths and official names

long-title = this title is { $length } characters long; over { $max } it is cut short in search results and browser tabs
    .help = shorten the title and say the rest in `summary` or the text
long-summary = this summary is { $length } characters long; over { $max } it is cut short in search results and link previews
    .help = keep the summary to one or two short sentences
glossary--empty = `right` is empty
    .help = write the official form, like `right: ประชารัฐรักสามัคคี`
glossary--part = `{ $form }` cannot be a wrong form of `{ $right }`
    .help = a wrong form must be non-empty and not part of the right form, or every right use would be reported
terminology = `{ $form }` is a wrong form of `{ $right }`
    .help = write `{ $right }` (content/glossary.yaml lists the official forms)

## The theme

missing-strings = the theme has no UI strings for { $lang ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $lang }`
    }
    .help = add themes/default/{ $name } with the same keys as the other language
missing-string = the UI string `{ $key }` has no { $lang ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $lang }`
    } text
    .help = add `{ $key }: …` to this file (it is in i18n/{ $other }.yaml)
preview-style--missing = the theme has no preview.yaml: the colours and fonts of the link-preview images
    .help = restore themes/default/preview.yaml (see docs/themes.md), or set `preview: []` in content/report.yaml for no images
preview-style--colour = `{ $value }` is not a colour
    .help = write a colour as # and six hex digits, like "#073763" (in quotes: YAML reads # as a comment)
preview-style--font = the theme has no font `{ $name }` (or it is not a TrueType or OpenType font)
    .help = give the path of a .ttf or .otf file inside the theme folder, like fonts/Sarabun-Regular.ttf
template = template error: { $detail }
    .help = the theme's template refers to something that is not there or is not closed; compare it with the built-in theme

## Building

base-url = `{ $url }` is not a web address
    .help = give the full address, like --base-url https://example.org/report/
write--folder = cannot create the output folder: { $reason }
    .help = check that the folder above it exists and can be written
write--compress = cannot write the compressed copies: { $reason }
write--swap = cannot put the new site in place: { $reason }

## Starting files (tanrak new)

update-draft = this note is a draft (`draft: true`): it is checked but not published, in any language
    .help = when the title and the text are written in every language, remove the line `draft: true` from each language's file
update-name = the note name `{ $name }` is not a valid address part
    .help = name notes like 2026-11-25-site-launch.th.md: the date, then lower-case English letters, digits and hyphens
    .help-new = use lower-case English letters, digits and hyphens, like `new-figures`; the date is put in front of it for you

## Values of the measures (content/national.yaml and the area records)

wrong-type--number = `{ $path }` should be a number, but it is { $kind ->
        [null] nothing
        [bool] true/false
        [number] a number
        [list] a list
        [map] a group of fields
       *[text] a text
    }
    .help = write the figure with digits, { $example ->
        [decimal] like 2700, 2,700.5 or ๒๗๐๐
       *[whole] like 2700, 2,700 or ๒๗๐๐
    }
misgrouped = `{ $value }` has its commas in the wrong places
    .help = a comma goes before each group of three digits, counted from the right: 2,485 or 248,500; or write the number without commas
not-a-number = `{ $value }` is not a number: write digits only, { $example ->
        [decimal] like 2700, 2,700.5 or ๒๗๐๐
       *[whole] like 2700, 2,700 or ๒๗๐๐
    }
negative = `{ $path }` is { $value }, but it cannot be negative
    .help = { $example ->
        [decimal] write 0 or a positive number
       *[whole] write 0 or a positive whole number
    }
not-whole = `{ $value }` is not a whole number: write it without a decimal point
    .help = `{ $path }` counts whole things; to allow decimals, add `decimals:` to the measure in content/report.yaml
too-many-decimals = `{ $value }` has more than { $decimals } digits after the decimal point
    .help = round it to { $decimals } decimal places, as content/report.yaml declares for `{ $path }`
unknown-field--measure = unknown field `{ $key }`
    .help = fields allowed here: { $allowed } (measures are declared in content/report.yaml)
    .help-best = did you mean `{ $best }`? Fields allowed here: { $allowed }
unknown-field--measure-in = unknown field `{ $key }` in `{ $group }`
wrong-type--group = `{ $path }` should be a group of its parts, but it is { $kind ->
        [null] nothing
        [bool] true/false
        [number] a number
        [list] a list
        [map] a group of fields
       *[text] a text
    }
    .help = write the parts, not the total: `{ $key }: {"{"}{ $parts }{"}"}`
missing-measure = `{ $path }` is missing
    .help = add `{ $key }: …` with the figure for this period (or mark the measure `optional: true` in content/report.yaml)
at-most = `{ $key }` is { $value }, more than `{ $other }`{ $parts }
    .help = content/report.yaml says `{ $key }` is at most `{ $other }`: check both figures against the report
national-sum = `{ $name }` for { $start } to { $end }: the { $areas_en } add up to { $sum }, but the national figure is { $national } (difference { $difference })
    .help = every { $area_en } expected to report for this period has (all { $total }), so the totals must agree. If you corrected one { $area_en }'s figure, there are two ways out: (1) the published national figure was corrected too: change it here and record the correction under `corrections:` at the end of this file (`- date:`, `what:` and `why:`, each in Thai and English); (2) the national figure stands: then another { $area_en }'s figure is wrong: find it and correct it. See “Correcting a published figure” in docs/editing.en.md
national-sum--partial = for { $start } to { $end }, { $reported } of { $total } { $areas_en } have reported so far, and their figures do not yet add up to these national figures: { $measures }
    .help = expected while { $areas_en } are still reporting; it becomes an error once all { $total } have reported. If one of these { $areas_en } has no figures of its own, write `own_figures: false` in that { $area_en }'s record; if only some are to report for this period, list their codes under `expected:` in this period
national-period-missing = figures for { $start } to { $end } are given here, but { $file } has no such period, so they show only on this page and in the downloads, and no total is checked
    .help = add the period to { $file }: `- period: {"{"}start: { $start }, end: { $end }{"}"}` with `data_status: provisional` and `pending: true` until the national figures are published (see “A new period arrives” in docs/editing.en.md)
missing-field--source = this period has no `source`
    .help = add `source:` (title, publisher, released, url) when the national figures are published; while they are not, write `pending: true` instead
expected-code = `{ $code }` under `expected` is not a code in the areas list
    .help = list the codes of the areas expected to report for this period, as in the areas list
own-figures = this record says `own_figures: false` but gives { $periods } { $periods ->
        [one] period
       *[other] periods
    } of figures
    .help = remove `own_figures: false` when the area reports figures of its own, or remove its results
national-sum--overflow = `{ $name }` for { $start } to { $end }: the { $areas_en }' figures add up to more than can be counted
    .help = check the { $area_en } figures of this period: one of them is far too large
digits = `{ $digit }` is { $kind ->
        [thai] a Thai digit
       *[arabic] an Arabic digit
    } in a sentence that already has { $other_kind ->
        [thai] a Thai digit
       *[arabic] an Arabic digit
    } (`{ $other }`, column { $column }): write the site's own numbers one way
    .help = use one kind of digit in a sentence; words quoted from the source, in “ ”, keep their own digits

## Records, pages, the report definition and new files (ids numbered per code)

unknown-language--1 = `{ $field }` has text in `{ $key }`, which is not one of the site's languages ({ $v1 })
unknown-language--h2 = give the text in the languages listed under `languages:` in content/site.yaml, or add the language there
missing-language--1 = `{ $field }` has empty { $v1 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v1 }`
    } text
missing-language--h2 = write the { $v1 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v1 }`
    } text after `{ $v2 }:`
missing-language--3 = `{ $field }` has no { $v1 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v1 }`
    } text (`{ $v2 }`)
missing-language--h4 = give the text in every language of the site, like `{ $field }: {"{"}{ $v1 }{"}"}`
period-order--1 = this period ends ({ $v1 }) before it starts ({ $v2 })
period-order--h2 = swap `start` and `end`, or correct the year
period-overlap--1 = the period { $v1 } to { $v2 } overlaps the earlier period { $v3 } to { $v4 }
period-overlap--h2 = each period's months must not repeat in another period: correct `start` or `end`
period-order--3 = the period starting { $v1 } comes after a later one
period-order--h4 = list periods oldest first
front-matter--1 = this page has no `title`
front-matter--h2 = start the file with:
    ---
    title: The page title
    updated: 2026-11-25
    ---
front-matter--3 = this page does not say when it last changed (`updated`)
front-matter--h4 = add `updated: YYYY-MM-DD` to the front matter between the `---` lines, with the date of this change
csv-header--h1 = the first line must be the header `{ $v1 }` (a name per language of the site{ $grouped ->
        [yes] , and the group's key and names
       *[no] {""}
    })
csv-empty--1 = this line has an empty code, name or group
csv-empty--h2 = fill in every column
bad-slug--1 = the slug `{ $slug }` is not a valid address part
bad-slug--h2 = use lower-case English letters, digits and hyphens only, at most { $max } of them, like `chiang-mai`
bad-region--1 = the group key `{ $group_key }` is not valid
bad-region--h2 = use a lower-case key like `north` or `northeast`
duplicate-code--1 = the code `{ $code }` is listed twice
duplicate-code--h2 = each area appears once: delete one of the lines
duplicate-slug--1 = the slug `{ $slug }` is listed twice
duplicate-slug--h2 = each area needs its own slug
region-names--1 = the group `{ $group_key }` is named { $v1 } here but { $v2 } on an earlier line
region-names--h2 = use the same names for a group on every line
languages--1 = `{ $v1 }` is listed twice
languages--h2 = list each language once
languages--3 = `{ $v1 }` is not a language code
languages--h4 = use lower-case language codes like `th` and `en`; the first is the default language
languages--5 = the site lists no language
languages--h6 = write `languages: [th, en]` (the first is the default language, served at the site root)
base-url--h2 = write the full address the site will have, like https://example.org/ or https://example.org/report/
empty-contact--1 = the contact { $field } is empty
empty-contact--h2 = add `{ $field }` under `contact:` when the agency publishes it; the site shows only the contact details given
example-content--1 = this file still holds the examples `tanrak init` wrote: they are not the site's own words or figures
    .help = replace the examples in this file with the site's own, then delete this line
accept-code--1 = `{ $code }` is not the code of any problem tanrak reports
    .help-best = did you mean `{ $best }`? The codes are in the `code` field of `tanrak check --format json`
    .help = copy the code from `tanrak check --format json` (its `code`), like `empty-contact`
accept-file--1 = `{ $path }` is not a file inside the site's folder
    .help = write the file as `tanrak check` shows it, from the site's folder, like `content/site.yaml`
event-kind--1 = `{ $key }` is not an allowed value here
    .help-none = content/report.yaml declares no kinds of event: add them under `events:`
    .help = allowed values: { $allowed } (declared under `events:` in content/report.yaml)
    .help-best = did you mean `{ $best }`? Allowed values: { $allowed }
date-order--1 = this event ends ({ $v1 }) before it starts ({ $v2 })
date-order--h2 = swap `start` and `end`, or correct the date
date-order--3 = `between` ends ({ $e }) before it starts ({ $s })
date-order--h4 = swap `start` and `end`, or correct the date
event-date--1 = this event needs exactly one way of giving its date
event-date--h2 = write `date: YYYY-MM-DD` for one day, `start:` and `end:` for something that lasted, or `between: {"{"}start: …, end: …{"}"}` when the exact day is not known
unknown-field--1 = unknown field `{ $key_s }`
    .help-best = did you mean `{ $best }`? Fields allowed here: { $allowed }
    .help = fields allowed here: { $allowed }
missing-field--1 = the field `{ $field }` is missing
missing-field--h2 = add a line `{ $field }: { $example }`
unknown-code--1 = `{ $code }` is not a code in content/{ $list }
    .help-file = this file's name matches { $area }, whose code is { $code }
    .help = use a code from content/{ $list }, such as { $example }
    .help-empty = use a code from content/{ $list }
slug-mismatch--1 = this file is named `{ $stem }.yaml`, but the slug of { $code } in content/{ $list } is `{ $v1 }`
slug-mismatch--h2 = rename the file to `{ $v1 }.yaml` (and its narratives to { $v2 })
slug-mismatch--taken = `{ $v1 }.yaml` already holds the record of { $code }, so the code in this file is the likelier mistake: this file's name belongs to { $area }, whose code is { $own_code }. Correct `code:` (or, if this really is the record of { $code }, merge it with `{ $v1 }.yaml`)
name-mismatch--1 = the { $v1 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v1 }`
    } name `{ $given }` does not match `{ $listed }` for { $code } in content/{ $list }
name-mismatch--h2 = write `{ $v1 }: { $listed }`, or correct content/{ $list } if the list is wrong
region-mismatch--h1 = write `{ $key_s }: { $v1 }` ({ $v2 })
wrong-type--1 = `{ $key_s }` should be text in each language, but it is { $v1 }
wrong-type--h2 = write `{ $key_s }: {"{"}{ $v1 }{"}"}`
missing-field--3 = the field `{ $g }` is missing
missing-field--h4 = add `{ $g }: { $v1 }`
duplicate-code--3 = the code { $v1 } is already used by { $shown }
duplicate-code--h4 = each area has exactly one record: delete or correct one of the two files
missing-record--1 = { $v1 } ({ $v2 }) has no record
missing-record--h2 = create content/{ $segment }/{ $v1 }.yaml (tanrak new { $v2 } { $v3 } writes one to start from)
missing-narrative--1 = { $name } has no { $v1 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v1 }`
    } narrative
missing-narrative--h2 = write it in content/{ $segment }/{ $v1 }.{ $v2 }.md; until then the page says the text is not yet available in { $v3 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v3 }`
    }
unused-file--1 = no area has the slug `{ $slug }`, so this narrative is not used
unused-file--h2 = name narratives after a slug in content/{ $v1 }, like { $slug }.{ $v2 }.md
unused-file--3 = `{ $lang }` is not one of the site's languages, so this narrative is not used
unused-file--h4 = add the language to `languages:` in content/site.yaml, or remove the file
faq-count--1 = the { $v1 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v1 }`
    } questions have { $n_first } `## ` headings but the { $v2 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v2 }`
    } have { $n }
faq-count--h2 = each question is one level-2 heading (`## `) in the same order in every language: the addresses #q1, #q2, … come from that order
page-name--1 = the page name `{ $name }` { $why }
page-name--h2 = rename the file: use lower-case English letters, digits and hyphens, and none of: { $v1 }
missing-language--5 = the page `{ $v1 }` has no { $v2 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v2 }`
    } version
missing-language--h6 = write content/pages/{ $v1 }.{ $v2 }.md; until then the page says it is not yet available in { $v3 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v3 }`
    }
front-matter--5 = this update note has no `title`
front-matter--6 = this update note has no `date`
front-matter--h7 = start the file with:
    ---
    title: The note's title
    date: 2026-11-25
    ---
    (`date` is the day the note is about; `updated` may follow when it is changed later)
front-matter--8 = `updated` is before the note's `date`
front-matter--h9 = `updated` is when the note was last changed, so it is the same as `date` or later; remove it if the note was never changed
update-name--1 = the note name `{ $name }` is not a valid address part
update-name--h2 = name notes like 2026-11-25-site-launch.th.md: the date, then lower-case English letters, digits and hyphens
update-date--1 = the file name says { $prefix } but the note's `date` is { $day }
update-date--h2 = the name is the note's permanent address in the feed, so keep it; correct `date` if it is wrong
update-date--3 = this note's date is { $day } but the other language's is { $v1 }
update-date--h4 = both languages of a note are about the same day: give them the same `date`
missing-language--7 = the update note `{ $v1 }` has no { $v2 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v2 }`
    } version
missing-language--h8 = write content/updates/{ $v1 }.{ $v2 }.md; until then the note is left out of the { $v3 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v3 }`
    } updates page and feed
unknown-measure--1 = `{ $key }` in { $what } is not a declared measure
    .help-best = did you mean `{ $best }`? Declared: { $allowed }
    .help-none = declare it first under `measures:`
    .help = use one of: { $allowed }
report-key--1 = `{ $key }` is not a valid area key
report-key--h2 = use lower-case English letters, like `province` or `district`
report-segment--1 = `{ $segment }` is not a valid address part
report-segment--h2 = use lower-case English letters, digits and hyphens, like `provinces` or `districts`
report-segment--3 = the address part `{ $segment }` { $why }
report-segment--h4 = choose another word for the areas' addresses, like `provinces` or `districts`
report-list--1 = `{ $list }` is not a CSV file inside content/
report-list--h2 = name a .csv file in the content folder, like `areas.csv`
report-key--3 = `{ $gkey }` is not a valid column name
report-key--h4 = use lower-case English letters, like `region`
measure-key--1 = `{ $k }` is not a valid measure key
measure-key--h2 = use lower-case English letters, digits and `_`, starting with a letter, like `households`
duplicate-measure--1 = the measure `{ $k }` is declared twice
duplicate-measure--h2 = each measure is declared once: delete or rename one of them
no-measures--1 = the report declares no measures
no-measures--h2 = declare at least one measure under `measures:`, with its key, label and unit
measure-parts--1 = `{ $v1 }` is already a part of `{ $v2 }`
measure-parts--h2 = a measure can be a part of one measure only
measure-cycle--1 = `{ $v1 }` is a part of itself through its parts
measure-cycle--h2 = parts go down from a total to its pieces: remove the part that leads back to this measure
measure-unit--1 = the measure `{ $key }` counts something but does not say what
measure-unit--h2 = add `noun: {"{"}th: …, en: …{"}"}` with what is counted, like groups or people
measure-unit--3 = the money measure `{ $key }` needs its currency as a three-letter code
measure-unit--h4 = add `currency: THB` (or another ISO 4217 code)
measure-unit--5 = `{ $other }` is not a unit
    .help-best = did you mean `{ $best }`? Units: count, money, percent, number
    .help = use one of: count (with `noun`), money (with `currency`), percent, number
measure-decimals--1 = { $v1 } digits after the decimal point is too many
measure-decimals--h2 = use 0 to 4
measure-rule--1 = `{ $key }` cannot be at most itself
measure-rule--h2 = name another measure
measure-parts--3 = the part `{ $v1 }` has another unit than `{ $v2 }`, which it adds up to
measure-parts--h4 = give parts the same unit (and decimals) as their measure
duplicate-measure--3 = `{ $v1 }` and `{ $other }` would both be the download column `{ $v2 }`
duplicate-measure--h4 = rename one of the two measures
map-classes--1 = { $v1 } colour classes cannot be told apart on a map
map-classes--h2 = use 2 to 7 classes
preview-measures--many = `preview` lists { $count } measures; a preview image has room for { $max }
    .help = keep the { $max } that matter most to a reader
preview-measures--twice = `{ $key }` is listed twice in `preview`
    .help = list each measure once
field-key--1 = `{ $k }` cannot be the key of a record field
field-key--h2 = use a new lower-case key: these are taken: { $v1 }
event-key--1 = `{ $k }` cannot be the key of an event kind
event-key--h2 = use a lower-case key, each once, like `workshop`
chart-measure--1 = a `{ $kind_name }` chart needs `{ $name }:`
chart-measure--h2 = add `{ $name }: <measure key>`
chart-measure--3 = `{ $v1 }` has no parts to chart
chart-measure--h4 = a `parts` chart needs a measure with `parts:`; use `measures` to chart any list of measures
chart-measure--5 = a `measures` chart needs `measures: [...]`
chart-measure--h6 = list the measures to show, like `measures: [members, households]`
chart-group--1 = a `by_group` chart needs the areas to be grouped
chart-group--h2 = add `group:` under `area:`, or remove this chart
chart-kind--1 = `{ $other }` is not a kind of chart
    .help-best = did you mean `{ $best }`? Kinds: { $kinds }
    .help = use one of: { $kinds }
chart-id--1 = `{ $s }` is not a valid chart id
chart-id--h2 = use lower-case English letters, digits and hyphens
chart-id--3 = two charts of this page have the id `{ $id }`
chart-id--h4 = give each chart its own `id`
exists--1 = this file already exists; `tanrak new` never replaces a file
exists--h2 = edit the file that is there, or delete it first if you really want to start again
write--1 = cannot write this file: { $e }
write--h2 = check that the folder exists and can be written
new-kind--1 = `tanrak new` makes a `{ $key }` (the area key in content/report.yaml) or a `page`, not a `{ $what }`
    .help-best = did you mean `tanrak new { $best } { $name }`?
    .help = write `tanrak new { $key } CODE` for a { $key }'s record, `tanrak new page NAME` for a page, or `tanrak new update NAME` for an update note
csv-header--2 = the first line lacks the column `{ $name }`
csv-header--h3 = run `tanrak check` to see what the areas list needs
unknown-code--2 = `{ $wanted }` is not a code in content/{ $list }
    .help-name = { $area } has the code { $code }: run `tanrak new { $key } { $code }`
    .help-best = did you mean { $best }?
    .help = use a code from content/{ $list }, like { $example }
    .help-empty = content/{ $list } lists no area yet: add a line for it first
bad-slug--3 = the slug `{ $slug }` of { $code } is not a valid address part
bad-slug--h4 = use lower-case English letters, digits and hyphens only, at most { $max } of them, like `chiang-mai`, and none of: { $taken }; then run `tanrak new` again
page-name--3 = the page name `{ $name }` { $why }
page-name--h4 = use lower-case English letters, digits and hyphens (like `how-to-apply`), and none of: { $v1 }
schema-stale--h1 = run `tanrak schema`
wording--1 = `{ $phrase }` reads as "no later than { $date }"
wording--h2 = where the source gives the day it happened (เมื่อวันที่), write `on { $date }`; for a deadline write `no later than { $date }`
no-content--1 = there is no `content` folder here
no-content--h2 = run tanrak in the site's folder (the one holding `content/`), or pass --root DIR
missing-file--1 = `content/{ $name }` is missing
missing-file--h2 = every site needs content/site.yaml and content/report.yaml: copy them from the bundled site or an example in examples/ and edit them
write--3 = cannot write this file: { $e }
write--h4 = check that the folder exists and can be written
write--5 = cannot write the data downloads: { $e }
write--6 = cannot write assets/{ $name }: { $e }
write--7 = cannot write { $path }: { $e }
unknown-string--1 = the theme has no UI string `{ $key }`
    .help-best = did you mean `{ $best }`? The theme's strings are listed in its i18n/en.yaml
    .help = this key is not one of the theme's UI strings, so it is never shown: remove it
missing-strings--1 = the site has no { $v1 ->
        [th] Thai
        [en] English
        [lo] Lao
        [my] Burmese
        [km] Khmer
        [ms] Malay
        [zh] Chinese
        [ja] Japanese
        [fr] French
       *[other] `{ $v1 }`
    } UI strings for { $v2 ->
        [one] 1 key
       *[other] { $v2 } keys
    } ({ $v4 }{ $v5 })
missing-strings--h2 = the built-in theme has strings for { $v1 }; for another language write content/strings/{ $lang }.yaml with every key of the theme's i18n/en.yaml

schema-stale--old = `{ $file }` is out of date: it is not what `tanrak schema` writes for this site
schema-stale--missing = `{ $file }` is missing, though the site keeps its schemas in `{ $dir }/`
csv-header--lacks = the first line lacks the { $n ->
        [one] column
       *[other] columns
    } { $columns }
csv-header--extra = the { $n ->
        [one] column { $columns } is
       *[other] columns { $columns } are
    } not expected
region-mismatch--differs = the { $key } `{ $given }` does not match `{ $listed }` for { $code } in content/{ $list }
region-mismatch--unknown = `{ $given }` is not a { $key } in content/{ $list }
missing-file--doc = `content/{ $file }` is missing
    .help = write the { $lang ->
        [th] Thai
        [en] English
       *[other] `{ $lang }`
    } version of this text
front-matter--note-example = start the file with:
    ---
    title: The note's title
    date: 2026-11-25
    ---

## Added by the merge with issue 9 (safety): output folder, markup, URLs, bounds, limits

base-url--scheme = `{ $url }` is not a web address (it must start with https:// or http://)
base-url--no-host = `{ $url }` has no host name
base-url--bad-host = `{ $url }` has a host name that is not valid (`{ $host }`)
base-url--query = `{ $url }` has a query (`?…`) or a fragment (`#…`), which a base address cannot have
base-url--space = `{ $url }` has a space in it
too-large--figure = `{ $value }` is larger than any figure a report holds (at most { $max }): check for extra digits
not-a-number--leading-zero = `{ $value }` starts with a zero: write the number without it, like { $plain }
report-more-in-file = { $n ->
    [one] 1 more problem in this file not shown; fix the ones above and run again
   *[other] { $n } more problems in this file not shown; fix the ones above and run again
}
report-more-elsewhere = { $n ->
    [one] 1 more problem in other files not shown; fix the ones above and run again
   *[other] { $n } more problems in other files not shown; fix the ones above and run again
}
unsafe-url--source = the address `{ $url }` cannot be published: a source's `url` must be a web address (http:// or https://) or an address on this site
    .help = write the document's full web address, like https://www.cdd.go.th/…, or leave `url` out; other kinds of address (javascript:, data:, file:) could run code in readers' browsers or point nowhere
unsafe-url--link = the address `{ $url }` cannot be published: links and images may go only to { $schemes } addresses or to pages of this site
    .help = write the full web address (https://…) or an address on this site (/faq/#q1); a javascript: or data: address could run code in readers' browsers
heading-attribute = the heading attribute `{ $name }` is not allowed
    .help = a heading may carry only an anchor and classes, like `## Title {"{"}#anchor .class{"}"}`: remove the rest
html-nesting = the HTML elements here are nested more than { $limit } deep
    .help = close the elements you opened (`</div>`, `</span>`) before opening more, or write the part in Markdown; no page needs more than { $limit } levels
html-tag = the HTML tag `<{ $tag }>` is not allowed in content
    .help = write it in Markdown instead (**bold**, [text](https://…), ![description](/image.png)); HTML tags allowed: { $allowed }
html-attribute = the HTML attribute `{ $name }` is not allowed on `<{ $tag }>`
    .help = remove it; attributes allowed on <{ $tag }>: { $allowed }
symlink = this is a symbolic link; tanrak reads and writes only plain files and folders in the site's folder
    .help = put the file itself here in place of the link (copy it, then delete the link)
symlink--to = this is a symbolic link (to `{ $target }`); tanrak reads and writes only plain files and folders in the site's folder
special-file = this is not a plain file (it is a pipe, a socket or a device); tanrak reads and writes only plain files in the site's folder
    .help = delete it, or move it out of the site's folder
forbidden-character = this line holds U+{ $code }, which is not a character of any text: web pages and feeds may not contain it
    .help = delete it (it comes from a broken conversion or copy): if you cannot see it, delete and retype the characters around this column
forbidden-character--escape = the escape `{ $escape }` writes U+{ $code }, a control character or noncharacter that web pages and feeds may not contain
    .help = delete the escape; to break a line write `\n`, for a tab `\t`
forbidden-character--reference = the character reference `{ $reference }` writes U+{ $code }, a control character or noncharacter that web pages and feeds may not contain
    .help = delete the reference
control-character = this line holds an invisible control character (U+{ $code })
    .help = delete it (it often comes with text pasted from Word or a PDF): if you cannot see it, delete and retype the characters around this column
boundaries--off-earth = the outline of `{ $code }` has the point { $point }, which is not a place on Earth
    .help = points are [longitude, latitude] in degrees: longitude from -180 to 180, latitude from -90 to 90; export the file again as GeoJSON in WGS 84 (EPSG:4326)
too-large--parts = the parts of `{ $path }` add up to { $total }, more than any figure a report holds (at most { $max })
    .help = check the parts for extra digits
chart-page = a `{ $kind }` chart cannot be drawn on the { $page } page
    .help = charts of the { $page } page: { $allowed }
output--no-root = the site folder `{ $root }` does not exist
    .help = give the folder that holds `content/` with --root, or run tanrak inside it
output--unreachable = cannot tell where the output folder `{ $output }` is
    .help = give an output folder that can be reached, like --output public
output--is-site = the output folder `{ $output }` is the site folder itself; a build replaces its output whole, so the site's own files would be lost
    .help = write the site into a folder of its own, like --output public (the default)
output--holds-site = the output folder `{ $output }` contains the site folder; a build replaces its output whole, so the site's own files would be lost
output--overlaps = the output folder `{ $output }` is or overlaps the site's `{ $own }/` folder, which a build would replace
    .help = write the site into a folder of its own beside `content/`, like --output public (the default)
output--unreadable = cannot look at the output folder `{ $output }`: { $reason }
    .help = check that it can be read, or give another --output
output--through-link = the output `{ $output }` lies below `{ $link }`, a symbolic link in the site's folder; a build writes only through real folders there
output--symlink = the output `{ $output }` is a symbolic link; a build replaces the folder it names, not what it points to
    .help = give the folder the link points to as --output, or another folder
output--file = the output `{ $output }` is a file, not a folder; a build would replace it with the site
    .help = give a folder as --output, like --output public
output--not-ours = the output folder `{ $output }` already holds files that tanrak did not write; a build replaces its output whole, so they would be lost
    .help = give a new or empty folder as --output; a folder tanrak wrote carries a `{ $marker }` file and is replaced without asking (if this is a build from an older tanrak, delete it once)
serve-cannot-start = cannot start the preview: { $reason }
serve-wrong-host = this preview answers only to { $url }
start-serving = tanrak is showing the site in { $root } at { $url } and opens it in your browser (if the browser does not open, open { $url } yourself). Pages change when you save a file in content/. To stop: close this window or press Ctrl-C.
start-no-site = { $program } found no site here. Put { $program } in your site's folder (the folder that holds the content folder), or in the folder just above it, and start it again. Looked in: { $places }
start-press-enter = Press Enter to close this window.
serve-wrong-method = only GET and HEAD
serve-bad-address = bad address
serve-not-found = not found
group-segment--slug = `{ $segment }` is not a valid address part for the group pages
group-segment--areas = the group pages' address part `{ $segment }` is already the address of the areas' pages (`area.segment`)
group-segment--reserved = the group pages' address part `{ $segment }` is reserved for the site's own pages
group-segment--language = the group pages' address part `{ $segment }` is the address of one of the site's languages
group-segment-help = choose another word for the group pages' addresses, like `regions`: lower-case English letters, digits and hyphens, and none of: { $taken }
