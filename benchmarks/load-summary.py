"""Summarises the wrk outputs of load.sh: per case and round requests/s, p50, p99; per app the secured/public ratio
of each round (the two cases of a round run back to back) and of the best round of each case (the least disturbed
by other work on a shared machine)."""
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
print()
print("| app | secured/public per round | median | best secured req/s | best public req/s | best/best |")
print("|---|---|---:|---:|---:|---:|")
for app in sorted({name.rsplit("-", 1)[0] for name in cases if "+" not in name}, key=lambda a: ["nitric", "plain", "bare"].index(a)
		if a in ("nitric", "plain", "bare") else 9):
	secured, public = rps[f"{app}-secured"], rps[f"{app}-public"]
	ratios = [s / p for s, p in zip(secured, public)]
	print(f"| {app} | {' '.join(f'{r:.3f}' for r in ratios)} | {statistics.median(ratios):.3f} | {max(secured):.0f} |"
		f" {max(public):.0f} | {max(secured) / max(public):.3f} |")
print("\n(bare: the demo without Nitric, where GET /planets is not secured: the cost of the two routes' different answers)")
if all(f"{case}" in rps for case in ("nitric-secured", "nitric-public", "bare-secured", "bare-public")):
	same = [n / b for n, b in zip(rps["nitric-secured"], rps["bare-secured"])]
	normalized = [(ns / np) / (bs / bp) for ns, np, bs, bp in
		zip(rps["nitric-secured"], rps["nitric-public"], rps["bare-secured"], rps["bare-public"])]
	public = [n / b for n, b in zip(rps["nitric-public"], rps["bare-public"])]
	print()
	print("| ratio | per round | median |")
	print("|---|---|---:|")
	rows = [("Nitric GET /planets with token / the same route unsecured (bare GET /planets)", same)]
	if "bare-secured+token" in rps and "nitric-public+token" in rps:
		rows.append(("Nitric GET /planets with token / the same request to the same route unsecured (bare GET /planets"
			" with the token)", [n / b for n, b in zip(rps["nitric-secured"], rps["bare-secured+token"])]))
		rows.append(("Nitric GET /planets with token / Nitric public route with the token (same request bytes)",
			[n / p for n, p in zip(rps["nitric-secured"], rps["nitric-public+token"])]))
		rows.append(("bare GET /planets with the token / without (what carrying the token costs)",
			[t / n for t, n in zip(rps["bare-secured+token"], rps["bare-secured"])]))
	for label, values in rows + [
			("Nitric secured/public over bare secured/public (the answers' difference taken out)", normalized),
			("Nitric public route / bare public route (the filter's cost on a public route)", public)]:
		print(f"| {label} | {' '.join(f'{r:.3f}' for r in values)} | {statistics.median(values):.3f} |")
