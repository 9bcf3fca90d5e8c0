import datetime

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render

from memorial.export import DATASETS, LICENCE, to_csv
from memorial.pagecache import cached_page

DATA_FORMATS = ("json", "csv")


@cached_page()
def open_data(request):
    return render(
        request,
        "memorial/open_data.html",
        {"datasets": list(DATASETS), "formats": DATA_FORMATS, "licence": LICENCE},
    )


@cached_page()
def data(request, dataset, fmt):
    if dataset not in DATASETS or fmt not in DATA_FORMATS:
        raise Http404("No such dataset")
    rows = list(DATASETS[dataset]())
    if fmt == "csv":
        response = HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="zhanaozen-{dataset}.csv"'
        return response
    payload = {
        "dataset": dataset,
        "licence": LICENCE,
        "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "records": rows,
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})
