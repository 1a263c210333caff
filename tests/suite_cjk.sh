# suite_cjk: Chinese, Japanese and Korean text is found by any part of a
# word (FTS5's tokenizer makes a run of such characters one token: cjk.h),
# in search, list QUERY and mark --query, for a feed fetched from a real
# HTTP server on 127.0.0.1, and in a store indexed before the change
# (the migration reindexes the rows that hold such text).
. "$TESTS/lib.sh"

need python3
mkdir -p "$T/www"
cat >"$T/www/feed.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>多语言博客</title>
<link>http://127.0.0.1/</link>
<item><guid>zh</guid><title>中文标题的文章</title>
<link>http://127.0.0.1/zh</link>
<description>这是一篇关于解释器和编译器的文章。</description>
<pubDate>Fri, 01 May 2026 10:00:00 GMT</pubDate></item>
<item><guid>ja</guid><title>日本語のタイトル</title>
<link>http://127.0.0.1/ja</link><author>x@example.com (山田太郎)</author>
<description>東京でカンファレンスが開催されます。Pythonの話。</description>
<pubDate>Sat, 02 May 2026 10:00:00 GMT</pubDate></item>
<item><guid>ko</guid><title>한국어 제목입니다</title>
<link>http://127.0.0.1/ko</link>
<description>파이썬 프로그래밍 언어</description>
<pubDate>Sun, 03 May 2026 10:00:00 GMT</pubDate></item>
<item><guid>en</guid><title>Plain English post</title>
<link>http://127.0.0.1/en</link>
<description>Nothing but ASCII words, python included.</description>
<pubDate>Mon, 04 May 2026 10:00:00 GMT</pubDate></item>
</channel></rss>
EOF
printf '{"/feed.xml": {"file": "feed.xml", "content_type": "application/rss+xml; charset=utf-8"}}\n' >"$T/routes"
start_httpd "$T/www"
trap 'kill $SERVER_PID 2>/dev/null' EXIT
: >"$T/config.ini"
DB="$T/cjk.db"
O() { "$ORRERY" -c "$T/config.ini" -d "$DB" "$@"; }
O add "http://127.0.0.1:$PORT/feed.xml" >/dev/null
run "refresh the feed from 127.0.0.1" 0 O refresh && ok "refresh the feed from 127.0.0.1"

# found QUERY: the guids found by list --json QUERY, sorted.
found() { _c=$1 _s=$2
	shift 2
	"$_c" "$_s" --json "$@" | python3 -c '
import json, sys
print(" ".join(sorted(e["guid"] for e in json.load(sys.stdin))))'; }
check() { # check NAME WANT CMD...
	_n=$1 _w=$2
	shift 2
	_g=$(found "$@")
	[ "$_g" = "$_w" ] && ok "$_n" || notok "$_n" "got '$_g', want '$_w'"
}
search_cases() { # search_cases WHAT: the cases, on the store as it is
	check "$1: search 中文 finds it inside 中文标题" zh O search 中文
	check "$1: search 标题 (the end of a word)" zh O search 标题
	check "$1: search 编译器 in a body" zh O search 编译器
	check "$1: search タイトル (Katakana)" ja O search タイトル
	check "$1: list title:日本 (Han in a title)" ja O list title:日本
	check "$1: list author:山田" ja O list author:山田
	check "$1: search カンファレンス 東京 (two words)" ja O search 'カンファレンス 東京'
	check "$1: search 제목 (Hangul inside a word)" ko O search 제목
	check "$1: search \"中文 标题\" (a phrase across words)" "" O search '"文章 中文"'
	check "$1: characters out of order are not a match" "" O search 文中
	check "$1: search 博客 (the source)" "en ja ko zh" O search 博客
	check "$1: ASCII words still found (python)" "en ja" O search python
	check "$1: 中文 OR 제목" "ko zh" O list '中文 OR 제목'
	check "$1: -中文 leaves it out" "en ja ko" O list -- '-中文'
}
search_cases "new store"
expect "mark --query 東京 marks one post" 0 '^marked 1 entry read$' "$T/out" \
    O mark read --query 東京

# A store indexed the old way: the search rows as they were written before
# (each column as stored, one token per run), the schema one step back.
python3 - "$DB" <<'EOF'
import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
v = d.execute("PRAGMA user_version").fetchone()[0]
rows = d.execute("SELECT rowid, title, source, author, body FROM entries_fts").fetchall()
import re
def old(s):
    # undo the split: drop the spaces around each CJK character
    return None if s is None else re.sub(r" ?([\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7ff]) ?", r"\1", s)
for r in rows:
    d.execute("UPDATE entries_fts SET title=?, source=?, author=?, body=? WHERE rowid=?",
              (old(r[1]), old(r[2]), old(r[3]), old(r[4]), r[0]))
d.execute("PRAGMA user_version = %d" % (v - 1))
d.commit()
# Check that the old index really misses: no row holds the term 中.
n = d.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH '\"中\"'").fetchone()[0]
assert n == 0, n
EOF
search_cases "migrated store"
