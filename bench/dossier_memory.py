# ruff: noqa: RUF001 (Russian and Kazakh names, Cyrillic on purpose)
"""Peak memory of the delivery dossier for 10,000 and 100,000 named signers.

    .venv/bin/python bench/dossier_memory.py [--sizes 10000 100000]

Seeds a throwaway SQLite database (in a temporary DJANGO_VAR_DIR) with one petition per size,
every signer named and with a town, then builds each dossier (campaign.delivery.dossier.build:
the CSV export, then the PDF) in a fresh process, twice: once measuring the process's peak RSS
(getrusage) against its RSS just before the build, once under tracemalloc for the peak of
Python allocations during the build. Each build runs after a small warm-up dossier, so the
fonts and the modules are loaded before measuring. Prints a Markdown table.

Constant memory means the two sizes show about the same peaks while the files grow tenfold.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(var_dir: str) -> None:
    os.environ["DJANGO_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "campaign.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed(sizes: list[int]) -> None:
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from campaign.petitions.models import Petition, Signature

    call_command("migrate", verbosity=0)
    get_user_model().objects.create_user("bench-lead")
    start = timezone.now() - timedelta(days=30)
    for size in [50, *sizes]:
        petition = Petition.objects.create(
            slug=f"bench-{size}",
            title_en="Justice for Zhanaozen",
            title_kk="Жаңаөзен үшін әділдік",
            title_ru="Правда о Жанаозене",
            summary_en="On 16 December 2011 police fired on striking oil workers.",
            demands_en="Who gave the order?",
            addressees_en="The UN High Commissioner for Human Rights",
            state=Petition.State.OPEN,
            opens_at=start,
        )
        rows = (
            Signature(
                petition=petition,
                name=f"Айгүл Серікқызы {number}",
                city="Жаңаөзен" if number % 3 else "Алматы",
                country="KZ" if number % 10 else "RU",
                show_name=True,
                state=Signature.State.CONFIRMED,
                email_digest=None,
                created_at=start,
                confirmed_at=start + timedelta(seconds=number),
            )
            for number in range(size)
        )
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == 5000:
                Signature.objects.bulk_create(batch)
                batch = []
        Signature.objects.bulk_create(batch)


def rss_kb() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def measure(size: int, traced: bool) -> None:
    """In a fresh process: build the dossier for `size` signers, print the figures."""
    import tracemalloc

    from django.contrib.auth import get_user_model

    from campaign.delivery import dossier
    from campaign.petitions.models import Petition

    user = get_user_model().objects.get(username="bench-lead")
    with tempfile.TemporaryDirectory() as directory:
        dossier.build(Petition.objects.get(slug="bench-50"), ["en"], user, Path(directory))
    petition = Petition.objects.get(slug=f"bench-{size}")
    with tempfile.TemporaryDirectory() as directory:
        before = rss_kb()
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        pdf_path, csv_path = dossier.build(petition, ["en", "ru", "kk"], user, Path(directory))
        seconds = time.perf_counter() - started
        if traced:
            _current, peak = tracemalloc.get_traced_memory()
            print(f"traced {peak}")
        else:
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            print(f"rss {before} {peak_kb} {seconds:.1f}")
            print(f"files {pdf_path.stat().st_size} {csv_path.stat().st_size}")


def child(var_dir: str, size: int, traced: bool) -> dict[str, list[str]]:
    command = [sys.executable, __file__, "--child", str(size), "--var-dir", var_dir]
    if traced:
        command.append("--traced")
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return {line.split()[0]: line.split()[1:] for line in output.stdout.splitlines()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--var-dir", help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        setup_django(args.var_dir)
        measure(args.child, args.traced)
        return
    with tempfile.TemporaryDirectory() as var_dir:
        setup_django(var_dir)
        started = time.perf_counter()
        seed(args.sizes)
        print(f"Seeded in {time.perf_counter() - started:.0f} s.\n")
        print(
            "| named signers | PDF | CSV | build s | RSS before MB | peak RSS MB | "
            "peak RSS - before MB | tracemalloc peak MB |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in args.sizes:
            plain = child(var_dir, size, traced=False)
            traced = child(var_dir, size, traced=True)
            before, peak, seconds = int(plain["rss"][0]), int(plain["rss"][1]), plain["rss"][2]
            pdf_bytes, csv_bytes = (int(n) for n in plain["files"])
            print(
                f"| {size:,} | {pdf_bytes / 1e6:.1f} MB | {csv_bytes / 1e6:.1f} MB | {seconds} "
                f"| {before / 1024:.0f} | {peak / 1024:.0f} | {(peak - before) / 1024:.1f} "
                f"| {int(traced['traced'][0]) / 1e6:.1f} |"
            )


if __name__ == "__main__":
    main()
