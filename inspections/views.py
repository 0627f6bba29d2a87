from django.http import HttpResponse


def inspection_list(request):
    return HttpResponse("Inspections")


def inspection_detail(request, pk):
    return HttpResponse("Inspection")


def board_report(request, pk):
    return HttpResponse("Board report")


def area_detail(request, pk):
    return HttpResponse("Improvement area")


def theme_list(request):
    return HttpResponse("Themes")


def theme_detail(request, slug):
    return HttpResponse("Theme")
