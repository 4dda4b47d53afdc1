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
lang-name = { $lang ->
    [th] Thai
   *[en] English
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
cli-check-format = How to print the problems: text (the default) for people, json for tools
cli-check-deny-warnings = Fail (exit code 1) on warnings too, not only on errors
cli-serve = Preview the site while editing: build it, serve it on this computer, rebuild on change
cli-serve-port = The port to listen on at 127.0.0.1; default: 1111 (0 picks a free one)

check-clean = check: no problems found
check-summary = check: { $errors }, { $warnings }
build-done = built { $pages } pages, { $charts } charts, { $files } files ({ $mb } MB) in { $ms } ms
build-done-warnings = built { $pages } pages, { $charts } charts, { $files } files ({ $mb } MB) in { $ms } ms, { $warnings }
build-failed = build failed: { $errors }, { $warnings }; the output folder was not changed
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
serve-rebuilt-errors = rebuilt in { $ms } ms: { $errors }; the browser shows them until they are fixed
serve-built-errors = built in { $ms } ms: { $errors }; the browser shows them until they are fixed
error-page-title = The content has errors
error-page-intro = Fix the files listed below and save them. This page shows the site again by itself once everything is fixed.

## Reading files (content/)

io = cannot read this file: { $reason }
    .help = check that the file exists and can be read
io--folder = cannot read: { $reason }
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
yaml--misgrouped = `{ $value }` has its commas in the wrong places
    .help = a comma goes before each group of three digits, counted from the right: 2,485 or 248,500; or write the number without commas
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
       *[en] English
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
       *[en] English
    }
    .help = add themes/default/{ $name } with the same keys as the other language
missing-string = the UI string `{ $key }` has no { $lang ->
        [th] Thai
       *[en] English
    } text
    .help = add `{ $key }: …` to this file (it is in i18n/{ $other }.yaml)
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

update-name = the note name `{ $name }` is not a valid address part
    .help = name notes like 2026-11-25-site-launch.th.md: the date, then lower-case English letters, digits and hyphens
    .help-new = use lower-case English letters, digits and hyphens, like `new-figures`; the date is put in front of it for you
