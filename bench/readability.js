// bench/readability.js RUNS PAGE: the reference the article section
// compares with (bench/run.sh): Mozilla Readability on jsdom, the way
// Firefox's Reader View extracts a page.  Prints the wall seconds of
// each run (parsing the page into a DOM and extracting), one per line.
// Needs `npm install @mozilla/readability jsdom` in a directory named by
// NODE_PATH; only loopback-free local files are read.
'use strict';
const fs = require('fs');
const { JSDOM } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const runs = parseInt(process.argv[2], 10);
const html = fs.readFileSync(process.argv[3], 'utf8');
for (let i = 0; i < runs; i++) {
	const t0 = process.hrtime.bigint();
	const dom = new JSDOM(html, { url: 'https://blog.example.org/post/' });
	const art = new Readability(dom.window.document).parse();
	const s = Number(process.hrtime.bigint() - t0) / 1e9;
	if (art === null)
		process.exit(1);
	console.log(s.toFixed(4));
}
