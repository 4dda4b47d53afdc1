// Site search, in the browser: reads the index `tanrak build` wrote under search/<lang>/.
// No framework. The query is cut into words with Intl.Segmenter (the same words as the
// build's dictionary segmenter); without it, the query is matched against the index's own
// words. Only the index head, the shards of the query's words and the page lists of the
// results shown are downloaded; a word the index lacks also reads the typo lexicon's files
// for its first and last letters, and the shards of the words one edit away.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form || !window.fetch || !Array.from) return;
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var d = form.dataset;

  var SHOWN = 20;
  var cache = {};
  function json(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(url + ': ' + r.status);
        return r.json();
      });
    }
    return cache[url];
  }

  var seg = null;
  try {
    if (window.Intl && Intl.Segmenter) seg = new Intl.Segmenter(d.lang, { granularity: 'word' });
  } catch (e) { seg = null; }

  // A file of the index is named by its key's code points in hex: เ → 0e40, ch → 0063-0068.
  function hex(key) {
    return Array.from(key).map(function (c) {
      var h = c.codePointAt(0).toString(16);
      return '0000'.slice(h.length) + h;
    }).join('-');
  }
  function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function begins(text, k) { return text.lastIndexOf(k, 0) === 0; }
  function ends(text, k) { return k.length <= text.length && text.indexOf(k, text.length - k.length) >= 0; }

  // The shards whose key begins `text` (a word is in the one with the longest such key).
  function load(meta, text) {
    return Promise.all(meta.shards.filter(function (k) { return begins(text, k); }).map(function (k) {
      return json(d.index + hex(k) + '.json');
    }));
  }
  function postings(shards, word) {
    for (var i = 0; i < shards.length; i++) if (own(shards[i], word)) return shards[i][word];
    return null;
  }

  // Whether a and b are at most one edit apart: a letter added, dropped or changed, or two
  // neighbours swapped.
  function close(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0, ja = a.length, jb = b.length;
    while (i < ja && i < jb && a[i] === b[i]) i++;
    while (ja > i && jb > i && a[ja - 1] === b[jb - 1]) { ja--; jb--; }
    if (ja - i <= 1 && jb - i <= 1) return true;
    return ja - i === 2 && jb - i === 2 && a[i] === b[i + 1] && a[i + 1] === b[i];
  }

  // The index's words one edit away from `word`, from the typo lexicon: the words filed under
  // a key that begins `word` or ends it (one edit leaves one of a word's two keys whole).
  var TYPO = 4;
  function near(word) {
    if (word.length < TYPO) return Promise.resolve([]);
    return json(d.index + 'near.json').then(function (n) {
      var files = n.starts.filter(function (k) { return begins(word, k); }).map(function (k) { return 's-' + hex(k); })
        .concat(n.ends.filter(function (k) { return ends(word, k); }).map(function (k) { return 'e-' + hex(k); }));
      return Promise.all(files.map(function (f) { return json(d.index + f + '.json'); }));
    }).then(function (lists) {
      var found = [];
      lists.forEach(function (l) {
        l.forEach(function (t) { if (t !== word && found.indexOf(t) < 0 && close(word, t)) found.push(t); });
      });
      return found;
    });
  }

  // What one word of the query finds: [index word, its postings, divisor of its weight].
  // Exact; else the index's words it begins (still typing, weight / 2) and those one edit
  // away (weight / 3). `typos` says whether to look one edit away.
  function lookup(meta, word, typos) {
    return load(meta, word).then(function (shards) {
      var p = postings(shards, word);
      if (p) return [[word, p, 1]];
      var found = [];
      shards.forEach(function (sh) {
        Object.keys(sh).forEach(function (t) {
          if (t.length > word.length && begins(t, word)) found.push([t, sh[t], 2]);
        });
      });
      return (typos ? near(word) : Promise.resolve([])).then(function (ts) {
        return Promise.all(ts.map(function (t) {
          return load(meta, t).then(function (sh) { return [t, postings(sh, t), 3]; });
        }));
      }).then(function (ts) {
        return found.slice(0, 30).concat(ts.filter(function (h) { return h[1]; }));
      });
    });
  }

  // Without Intl.Segmenter: cut a run of Thai into the longest words the index has.
  function cut(meta, run) {
    var words = [];
    function step(rest) {
      if (!rest) return Promise.resolve(words);
      return load(meta, rest).then(function (shards) {
        var best = '';
        shards.forEach(function (sh) {
          Object.keys(sh).forEach(function (t) {
            if (t.length > best.length && begins(rest, t)) best = t;
          });
        });
        if (!best) { words.push(rest); return words; }
        words.push(best);
        return step(rest.slice(best.length));
      });
    }
    return step(run);
  }

  var THAI = /[\u0e00-\u0e7f]/;

  // The words of each run of the query between spaces.
  function runs(meta, q) {
    var cs = q.toLowerCase().replace(/[\u0e50-\u0e59]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0x0e50 + 48);
    });
    if (cs.normalize) cs = cs.normalize('NFC');
    cs = cs.split(/[\s!-\/:-@\[-`{-~\u2018-\u201d\u2026]+/).filter(Boolean);
    return Promise.all(cs.map(function (c) {
      if (seg) {
        return Array.from(seg.segment(c))
          .filter(function (s) { return s.isWordLike; })
          .map(function (s) { return s.segment; });
      }
      return THAI.test(c) ? cut(meta, c) : [c];
    }));
  }

  // The terms of one run: its words where the index has them all. Where it lacks one (a typo
  // in Thai makes the segmenter cut a word into pieces: ถานราก → ถาน|ราก), the whole run, or
  // the missing piece joined with its neighbours, is looked up one edit away first.
  function terms(meta, run) {
    return Promise.all(run.map(function (w) { return lookup(meta, w, false); })).then(function (hits) {
      var missing = hits.map(function (h) { return !h.length || h[0][2] !== 1; });
      if (missing.indexOf(true) < 0 || run.length < 2 || !THAI.test(run.join(''))) {
        return Promise.all(run.map(function (w, i) {
          return missing[i] ? lookup(meta, w, true) : hits[i];
        }));
      }
      // Spans to try, the whole run first, then two or three pieces around each missing one.
      var spans = [[0, run.length]];
      missing.forEach(function (m, i) {
        if (!m) return;
        [[i, i + 2], [i - 1, i + 1], [i - 1, i + 2], [i, i + 3], [i - 2, i + 1]].forEach(function (s) {
          if (s[0] >= 0 && s[1] <= run.length && s[1] - s[0] < run.length) spans.push(s);
        });
      });
      function attempt(k) {
        if (k === spans.length) {
          return Promise.all(run.map(function (w, i) { return missing[i] ? lookup(meta, w, true) : hits[i]; }));
        }
        var s = spans[k], joined = run.slice(s[0], s[1]).join('');
        return near(joined).then(function (ts) {
          if (!ts.length) return attempt(k + 1);
          var rest = run.slice(0, s[0]).concat([joined], run.slice(s[1]));
          return Promise.all(rest.map(function (w, i) {
            if (i === s[0]) return lookup(meta, w, true);
            var j = i < s[0] ? i : i + s[1] - s[0] - 1;
            return missing[j] ? lookup(meta, w, true) : hits[j];
          }));
        });
      }
      return attempt(0);
    });
  }

  function search(q) {
    return json(d.index + 'index.json').then(function (meta) {
      return runs(meta, q).then(function (rs) {
        return Promise.all(rs.map(function (r) { return terms(meta, r); }));
      }).then(function (perRun) {
        var found = [].concat.apply([], perRun).filter(function (h) { return h.length; });
        var pages = {}, marks = [];
        found.forEach(function (hits) {
          var best = {};
          hits.forEach(function (hit) {
            if (marks.indexOf(hit[0]) < 0) marks.push(hit[0]);
            var p = hit[1];
            for (var k = 0; k < p.length; k += 2) {
              var score = Math.floor(p[k + 1] / hit[2]);
              if (!(best[p[k]] >= score)) best[p[k]] = score;
            }
          });
          Object.keys(best).forEach(function (id) {
            var r = pages[id] || (pages[id] = { id: +id, words: 0, score: 0 });
            r.words++;
            r.score += best[id];
          });
        });
        var results = Object.keys(pages).map(function (k) { return pages[k]; });
        results.sort(function (a, b) {
          return b.words - a.words || b.score - a.score || a.id - b.id;
        });
        // The page lists of the results shown.
        var files = [];
        results.slice(0, SHOWN).forEach(function (r) {
          var n = Math.floor(r.id / meta.per);
          if (files.indexOf(n) < 0) files.push(n);
        });
        return Promise.all(files.map(function (n) {
          return json(d.index + 'pages-' + n + '.json');
        })).then(function (lists) {
          var byFile = {};
          files.forEach(function (n, i) { byFile[n] = lists[i]; });
          return {
            page: function (id) { return byFile[Math.floor(id / meta.per)][id % meta.per]; },
            results: results, marks: marks,
          };
        });
      });
    });
  }

  // `text` with the query's words marked, built as nodes (never as HTML).
  function marked(el, text, marks) {
    var lower = text.toLowerCase(), at = 0;
    var ms = marks.filter(Boolean).sort(function (a, b) { return b.length - a.length; });
    while (at < text.length) {
      var next = -1, len = 0;
      ms.forEach(function (m) {
        var i = lower.indexOf(m, at);
        if (i >= 0 && (next < 0 || i < next || (i === next && m.length > len))) { next = i; len = m.length; }
      });
      if (next < 0) break;
      el.appendChild(document.createTextNode(text.slice(at, next)));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(next, next + len);
      el.appendChild(mark);
      at = next + len;
    }
    el.appendChild(document.createTextNode(text.slice(at)));
    return el;
  }

  function say(template, n, q) {
    status.textContent = template.replace('{n}', n).replace('{q}', q);
  }

  function show(q, found) {
    list.textContent = '';
    var rs = found.results;
    rs.slice(0, SHOWN).forEach(function (r) {
      var page = found.page(r.id);
      var li = document.createElement('li');
      var a = marked(document.createElement('a'), page[1], found.marks);
      a.href = page[0];
      var h = document.createElement('h2');
      h.appendChild(a);
      li.appendChild(h);
      if (page[2] && page[2] !== page[1]) {
        li.appendChild(marked(document.createElement('p'), page[2], found.marks)).className = 'search-area';
      }
      if (page[3]) li.appendChild(marked(document.createElement('p'), page[3], found.marks));
      list.appendChild(li);
    });
    say(rs.length === 0 ? d.none : rs.length === 1 ? d.countOne : d.count, rs.length, q);
    if (rs.length > SHOWN) status.textContent += ' ' + d.more.replace('{shown}', SHOWN);
  }

  function run(q) {
    q = q.trim();
    if (!q) { list.textContent = ''; status.textContent = ''; return; }
    status.textContent = d.loading;
    search(q).then(function (found) { show(q, found); }, function () {
      list.textContent = '';
      status.textContent = d.failed;
    });
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var q = input.value;
    if (window.history && history.replaceState) {
      history.replaceState(null, '', '?q=' + encodeURIComponent(q.trim()));
    }
    run(q);
  });
  var given = new URLSearchParams(location.search).get('q');
  if (given) { input.value = given; run(given); }
})();
