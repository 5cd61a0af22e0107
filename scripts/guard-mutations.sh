#!/usr/bin/env bash
# Breaks each guard that protects money or data with one small change, runs the test file most
# relevant to it, and reports whether the suite caught the breakage and which tests failed. Every
# row must say "caught". Rows 14 and on break the behaviour of the tests issue #16 named as unable
# to fail or claiming more than they checked: each must now fail when its behaviour is removed.
#
# The changes are made in a temporary copy of the working tree (node_modules linked, not copied),
# never in the checkout itself, so an interrupted run leaves nothing broken behind.
#
# Usage: DATABASE_URL=postgres://.../jembatan_test_<branch> REDIS_PREFIX=jembatan-test-<branch> \
#          scripts/guard-mutations.sh [row-number ...]
# Needs PostgreSQL and Redis like the e2e tests; takes a few minutes per row.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
: "${DATABASE_URL:?set DATABASE_URL to your own test database}"
: "${REDIS_PREFIX:?set REDIS_PREFIX to your own Redis prefix}"
export DATABASE_URL REDIS_PREFIX

COPY="$(mktemp -d /tmp/guard-mutations.XXXXXX)"
trap 'rm -rf "$COPY"' EXIT
tar -C "$ROOT" --exclude=./node_modules --exclude=./.git --exclude=./reports --exclude=./.stryker-tmp -cf - . \
  | tar -C "$COPY" -xf -
ln -s "$ROOT/node_modules" "$COPY/node_modules"

# guard | file | perl substitution (one small change) | test file [| jest -t title pattern]
ROWS=(
  "confirm: listing quantity clause|src/market/market.ledger.ts|s/(WHERE id = \\\$1 AND status = 'open') AND remaining_quantity >= \\\$2(\\s+RETURNING \\\$\\{LISTING_TERMS\\})/\$1\$2/s|test/deals/accept-race.e2e.test.ts"
  "confirm: listing status clause|src/market/market.ledger.ts|s/WHERE id = \\\$1 AND status = 'open' (AND remaining_quantity >= \\\$2\\s+RETURNING \\\$\\{LISTING_TERMS\\})/WHERE id = \\\$1 \$1/s|test/deals/accept-race.e2e.test.ts"
  "confirm: request quantity clause|src/market/market.ledger.ts|s/(WHERE id = \\\$1 AND status = 'open') AND remaining_quantity >= \\\$2(\\s+RETURNING \\\$\\{REQUEST_TERMS\\})/\$1\$2/s|test/deals/accept-race.e2e.test.ts"
  "confirm: request status clause|src/market/market.ledger.ts|s/WHERE id = \\\$1 AND status = 'open' (AND remaining_quantity >= \\\$2\\s+RETURNING \\\$\\{REQUEST_TERMS\\})/WHERE id = \\\$1 \$1/s|test/deals/accept-race.e2e.test.ts"
  "relay FOR UPDATE SKIP LOCKED|src/outbox/outbox.relay.ts|s/\\n\\s*FOR UPDATE SKIP LOCKED//|test/outbox/outbox.integration.test.ts"
  "relay job id = event id|src/queue/job-options.ts|s/'domain-event': \\(event\\) => \\(\\{ jobId: jobIds\\.domainEvent\\(event\\.eventId\\) \\}\\),/'domain-event': () => ({}),/|test/outbox/outbox.integration.test.ts"
  "connect-time address guard (guardedLookup)|src/notifications/webhooks/webhook.sender.ts|s/\\n\\s*lookup: guardedLookup\\(options\\.allowPrivate\\),//|src/notifications/webhooks/webhook.sender.spec.ts"
  "private ranges refused at creation|src/notifications/webhooks/url-guard.ts|s/if \\(allowPrivate\\) return url;/return url;/|src/notifications/webhooks/url-guard.spec.ts"
  "ownership 404 (owned rows only)|src/market/owned-market.store.ts|s/where: \\{ id, organizationId \\}/where: { id }/|test/market/ownership.e2e.test.ts"
  "webhook signature covers the timestamp|src/notifications/webhooks/signature.ts|s/\\\$\\{id\\}\\.\\\$\\{timestampSeconds\\}\\.\\\$\\{body\\}/\\\${id}.\\\${body}/|src/notifications/webhooks/signature.spec.ts"
  "idempotency key reused with another body|src/platform/idempotency.interceptor.ts|s/if \\(stored\\.request_hash !== hash\\)/if (false)/|test/platform/idempotency.e2e.test.ts"
  "minimum-order rule|src/matching/engine/pair-rules.ts|s/return !\\(minimum > request\\.remainingQuantity && listing\\.remainingQuantity >= minimum\\);/return true;/|src/matching/engine/feasibility.spec.ts"
  "exactly-once fan-out key (inbox)|src/notifications/inbox/notification.writer.ts|s/const eventId = notificationEventId\\(sourceKey, type\\);/const eventId = crypto.randomUUID();/|test/deals/exactly-once.e2e.test.ts"
  "expiry job scheduled once however many workers start|src/recovery.sweeper.ts|s/jobIds\\.expireMarketScheduler,/\`\\\${jobIds.expireMarketScheduler}-\\\${Math.random()}\`,/|test/matching/expiry.e2e.test.ts|once however many workers start"
  "unanswered proposals expire|src/matching/match.repository.ts|s/WHERE status = 'proposed' AND expires_at <= now\\(\\)/WHERE status = 'proposed' AND expires_at <= now() - interval '1 hour'/|test/matching/expiry.e2e.test.ts|expires a listing whose window closed"
  "outbox lag metric is the oldest unrelayed event's age|src/observability/metrics.controller.ts|s/now\\(\\) - min\\(created_at\\)/min(created_at) - min(created_at)/|test/platform/metrics.e2e.test.ts|outbox lag"
  "job durations are counted|src/observability/metrics.ts|s/stop\\(\\{ outcome: 'completed' \\}\\);//|test/platform/metrics.e2e.test.ts|serves Prometheus metrics"
  "configuration names every bad variable at once|src/config/app-config.ts|s/const problems: string\\[\\] = \\[\\];/const problems: string[] = [];\\n  problems.push = (p: string) => { throw new ConfigError([p]); };/|src/config/app-config.spec.ts|names every bad variable at once"
  "a decline returns the held quantity to the market|src/matching/market.repository.ts|s/FROM matches WHERE commodity_code = \\\$1 AND status = 'proposed'/FROM matches WHERE commodity_code = \\\$1 AND status IN ('proposed', 'declined')/|test/deals/deal-flow.e2e.test.ts|declining returns the quantity"
  "a decline is told to both parties|src/notifications/notification.fanout.ts|s/const parties = \\[\\.\\.\\.new Set\\(\\[match\\.supplierOrganizationId, match\\.buyerOrganizationId\\]\\)\\];/const parties = event.type === 'match.declined' ? [match.supplierOrganizationId] : [...new Set([match.supplierOrganizationId, match.buyerOrganizationId])];/|test/deals/deal-flow.e2e.test.ts|declining returns the quantity"
  "logins limited per address|src/platform/request-keys.ts|s/if \\(!isRead && caller\\.isPublic\\) \\{/if (!isRead && caller.isPublic && caller.route.endsWith('\\/login')) return [];\\n  if (!isRead && caller.isPublic) {/|test/platform/limits.e2e.test.ts|limits registrations and logins per address"
  "each auth route has its own budget|src/platform/request-keys.ts|s/id: \`\\\$\\{ip\\}.\\\$\\{route\\}\`, limit: budgets\\.rateLimitAuthPerMinute/id: ip, limit: budgets.rateLimitAuthPerMinute/|test/platform/limits.e2e.test.ts|limits registrations and logins per address"
  "jobs stranded by a killed worker are run again (stalled-job recovery)|src/matching/matching.processor.ts|s/\\@JobProcessor\\('reoptimize-commodity'\\)/\\@JobProcessor('reoptimize-commodity', { maxStalledCount: 0 })/|test/faults/worker-crash.test.ts"
)

selected=("$@")
printf '| # | guard | change in | test file | caught (failing tests) |\n|---|---|---|---|---|\n' > "$COPY/table.md"
failures=0
for i in "${!ROWS[@]}"; do
  n=$((i + 1))
  if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " =~ " $n " ]]; then continue; fi
  IFS='|' read -r guard file subst testfile title <<<"${ROWS[$i]}"
  cp "$ROOT/$file" "$COPY/$file"
  perl -0pi -e "$subst" "$COPY/$file"
  if cmp -s "$ROOT/$file" "$COPY/$file"; then
    verdict="**change did not apply**"
    failures=$((failures + 1))
  else
    log="$COPY/row-$n.log"
    (cd "$COPY" && npx jest --runInBand --forceExit "$testfile" ${title:+-t "$title"} >"$log" 2>&1)
    if [ $? -ne 0 ]; then
      # Which tests failed: jest heads each failure with "● describe › title".
      failed="$(grep -E '^  ● ' "$log" | sed -E 's/^  ● //' | sort -u | paste -sd ';' - | sed 's/;/; /g')"
      tests="$(grep -Eo 'Tests: .*' "$log" | tail -1 | sed -E 's/ +/ /g')"
      if [ -z "$failed" ] || [[ "$failed" == *"Test suite failed to run"* ]]; then
        # A change that does not compile or load proves nothing about the tests.
        verdict="**no: the suite failed to run** (see $log)"
        failures=$((failures + 1))
      else
        verdict="yes ($tests: $failed)"
      fi
    else
      verdict="**no**"
      failures=$((failures + 1))
    fi
  fi
  cp "$ROOT/$file" "$COPY/$file" # restore before the next row
  printf '| %s | %s | `%s` | `%s`%s | %s |\n' "$n" "$guard" "$file" "$testfile" "${title:+ (-t \"$title\")}" "$verdict" | tee -a "$COPY/table.md"
done
echo
cat "$COPY/table.md"
exit $((failures > 0))
