from django.http import HttpResponse


def my_actions(request):
    return HttpResponse("My actions")
