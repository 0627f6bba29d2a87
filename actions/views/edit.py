from django.http import HttpResponse


def action_create(request):
    return HttpResponse("New action")


def action_edit(request, pk):
    return HttpResponse("Edit action")


def action_sign_off(request, pk):
    return HttpResponse("Sign off")
