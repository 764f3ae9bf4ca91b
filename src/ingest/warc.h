// Web archives (WARC 1.0/1.1, ISO 28500; the format of Common Crawl's news crawl and of web
// archives): read record by record from a stream (a .warc.gz is gzip member by member, which
// the reader's decompressor already streams). A `response` record whose HTTP payload is an HTML
// page with status 200 (or a `resource` record holding an HTML page) becomes an article through
// web::ParseHtmlArticle, with the record's target URI and its date as the date when the page
// states none; every other record is passed over.
//
// Thread safety: stateless.
#ifndef BANTIN_INGEST_WARC_H_
#define BANTIN_INGEST_WARC_H_

#include <functional>
#include <string_view>

#include "bantin/article.h"
#include "bantin/env.h"
#include "bantin/status.h"

namespace bantin::ingest {

struct WarcCounts {
  size_t records = 0;  // every record read
  size_t pages = 0;    // articles made
  size_t skipped = 0;  // records that hold no article page (requests, metadata, redirects, images)
};

// Reads `source` (the content of file `name`). Calls `on_article` for each article and
// `on_error` for each page that is not one or is over `max_page_bytes` (its bytes are skipped,
// not held), naming "name: record N". A stream that breaks or is not WARC ends the reading with
// an error naming the record; every record before it was read.
WarcCounts ParseWarc(std::string_view name, SequentialFile& source, size_t max_page_bytes,
                     const std::function<void(Article)>& on_article, const std::function<void(const Status&)>& on_error);

}  // namespace bantin::ingest

#endif  // BANTIN_INGEST_WARC_H_
