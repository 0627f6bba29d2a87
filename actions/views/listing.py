from django.http import HttpResponse


def action_list(request):
    return HttpResponse("All actions")


def action_export_csv(request):
    return HttpResponse("CSV")


def action_export_xlsx(request):
    return HttpResponse("XLSX")
