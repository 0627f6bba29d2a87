from axes.utils import reset as reset_sign_in_failures
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from bromley_tracker import sign_in

from . import resets
from .forms import ChangePasswordForm, ChooseNewPasswordForm, ResetPasswordForm, SignInForm


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        status = 429 if form.address_flooded else 200
        return self.render_to_response(self.get_context_data(form=form), status=status)


def locked_out(request, response, credentials):
    """django-axes's lockout page (AXES_LOCKOUT_CALLABLE): a username locked on this address."""
    context = {"minutes": sign_in.lockout_minutes(), "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "registration/locked_out.html", context, status=429)


@method_decorator(login_not_required, name="dispatch")
class SignedOutView(TemplateView):
    template_name = "registration/signed_out.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return super().get(request, *args, **kwargs)


class ChangePasswordView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("my_actions")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed.")
        return super().form_valid(form)

    def form_invalid(self, form):
        if getattr(self.request, "axes_locked_out", False):
            # Too many wrong current passwords lock the account like failed sign-ins; the session ends
            # with it, so whoever is guessing cannot carry on, and django-axes shows the lockout page.
            logout(self.request)
        return super().form_invalid(form)


RESET_LINK_MINUTES = {"timeout_minutes": settings.PASSWORD_RESET_TIMEOUT // 60}


class ResetPasswordView(auth_views.PasswordResetView):
    form_class = ResetPasswordForm
    extra_email_context = RESET_LINK_MINUTES
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form):
        if resets.record(self.request, form.cleaned_data["email"]):
            return super().form_valid(form)
        # Enough links have gone to this address for now: say the same as ever, send nothing.
        return redirect(self.success_url)

    def form_invalid(self, form):
        status = 429 if form.asked_too_often else 200
        return self.render_to_response(self.get_context_data(form=form), status=status)


class ResetPasswordSentView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"
    extra_context = RESET_LINK_MINUTES


class ChooseNewPasswordView(auth_views.PasswordResetConfirmView):
    form_class = ChooseNewPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever could open the emailed link owns the account: let them sign in with the new password now.
        reset_sign_in_failures(username=form.user.get_username())
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
