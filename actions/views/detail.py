from django.http import HttpResponse


def action_detail(request, pk):
    return HttpResponse("Action")
