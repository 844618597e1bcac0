"""Summarises the wrk outputs of load.sh: per case and round requests/s, p50, p99; per app the secured/public ratios
of each round (the cases of a round run back to back) and their median.

Cases are named <app>-<route>[+token]: app nitric (the demo), plain (Spring Security) or bare (the demo without
Nitric); route secured (GET /planets, with the token), public (GET /public/planets: the same answer, public), pluto
(GET /planets/unsecured-planet: the demo's own public route, a smaller answer); +token: the token sent to a route that
does not check it."""
import re
import statistics
import sys

out, rounds, cases = sys.argv[1], int(sys.argv[2]), sys.argv[3:]


def ms(text):
	value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
	return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


rps = {}
print("| case | round | requests/s | p50 (ms) | p99 (ms) |")
print("|---|---|---:|---:|---:|")
for name in cases:
	for r in range(1, rounds + 1):
		text = open(f"{out}/round{r}-{name}.txt").read()
		rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
		p50 = ms(re.search(r"\s50%\s+(\S+)", text).group(1))
		p99 = ms(re.search(r"\s99%\s+(\S+)", text).group(1))
		rps.setdefault(name, []).append(rate)
		print(f"| {name} | {r} | {rate:.0f} | {p50:.2f} | {p99:.2f} |")


def ratio(label, numerator, denominator):
	if numerator in rps and denominator in rps:
		values = [n / d for n, d in zip(rps[numerator], rps[denominator])]
		print(f"| {label} | {numerator} / {denominator} | {' '.join(f'{v:.3f}' for v in values)} |"
			f" {statistics.median(values):.3f} |")


print()
print("| ratio | cases | per round | median |")
print("|---|---|---|---:|")
ratio("**Nitric secured/public**: GET /planets with the token / the same answer on a public route", "nitric-secured",
	"nitric-public")
ratio("plain Spring Security secured/public (the same two routes)", "plain-secured", "plain-public")
ratio("bare secured/public (no security: the control, ~1)", "bare-secured", "bare-public")
ratio("Nitric secured / the demo's own public route (a smaller answer)", "nitric-secured", "nitric-pluto")
ratio("plain Spring Security secured / the demo's own public route", "plain-secured", "plain-pluto")
ratio("bare GET /planets / the demo's own public route (what the smaller answer gains, no security)", "bare-secured",
	"bare-pluto")
ratio("Nitric secured / Nitric public route with the token (the check alone: same answer, same headers)",
	"nitric-secured", "nitric-public+token")
ratio("bare GET /planets with the token / without (what carrying the token costs)", "bare-secured+token",
	"bare-secured")
ratio("Nitric secured / bare GET /planets with the token (the same request without Nitric)", "nitric-secured",
	"bare-secured+token")
ratio("Nitric public route / bare public route (what Nitric costs a public route)", "nitric-public", "bare-public")
