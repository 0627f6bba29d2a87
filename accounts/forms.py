from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from bromley_tracker import sign_in

from . import resets

USERNAME_MAX_LENGTH = get_user_model()._meta.get_field("username").max_length


def tries_left_warning(request, username):
    """After a failed password check: the warning that the username is about to be locked here, if it is."""
    left = sign_in.tries_left(request, username)
    if left is None:
        return None
    tries = "try" if left == 1 else "tries"
    return f"You have {left} more {tries} before this account is locked for {sign_in.lockout_minutes()} minutes."


class SignInChecks:
    """What every sign-in form checks before a password is tried: a username no account could have is
    refused, and so is an address that has failed too often. Neither costs a password hash or is recorded.
    After a failure, `tries_left_warning` says how close the username is to being locked on this address."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "address_flooded": (
            "There have been too many failed attempts to sign in from your network. "
            "Wait {minutes} minutes, then try again."
        ),
    }
    address_flooded = False
    tries_left_warning = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(
            MaxLengthValidator(USERNAME_MAX_LENGTH, f"Username must be {USERNAME_MAX_LENGTH} characters or fewer")
        )

    def clean(self):
        if self.request is not None and "username" in self.cleaned_data and sign_in.address_is_flooded(self.request):
            self.address_flooded = True
            message = self.error_messages["address_flooded"].format(minutes=sign_in.address_window_minutes())
            raise ValidationError(message, code="address_flooded")
        return super().clean()

    def get_invalid_login_error(self):
        self.tries_left_warning = tries_left_warning(self.request, self.cleaned_data.get("username"))
        return super().get_invalid_login_error()


class SignInForm(SignInChecks, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("username", field_width=20),
            Field.text("password", field_width=20),
            Button("submit", "Sign in", data_prevent_double_click="true"),
        )


class AdminSignInForm(SignInChecks, AdminAuthenticationForm):
    """The admin's own sign-in page, held to the same checks."""

    error_messages = {**AdminAuthenticationForm.error_messages, **SignInChecks.error_messages}


class ChangePasswordForm(PasswordChangeForm):
    """The current password is checked through authenticate(), so that django-axes counts a wrong one as a
    failed sign-in and refuses to check it at all once the username is locked on this address."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Your current password is not correct. Enter it again.",
    }
    tries_left_warning = None

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("old_password", field_width=20),
            Field.text("new_password1", field_width=20),
            Field.text("new_password2", field_width=20),
            Button("submit", "Change password", data_prevent_double_click="true"),
        )

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        username = self.user.get_username()
        if authenticate(self.request, username=username, password=old_password) != self.user:
            self.tries_left_warning = tries_left_warning(self.request, username)
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old_password


class ResetPasswordForm(PasswordResetForm):
    asked_too_often = False

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["email"].error_messages.update(
            {
                "required": "Enter your email address",
                "invalid": "Enter an email address in the correct format, like name@example.com",
                "max_length": "Email address must be 254 characters or fewer",
            }
        )
        self.fields["email"].label = "Email address"
        self.fields["email"].help_text = "The email address your council's administrator gave this service."
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("email", field_width=20),
            Button("submit", "Send a reset link", data_prevent_double_click="true"),
        )

    def clean(self):
        cleaned_data = super().clean()
        if self.request is not None and resets.address_has_asked_too_often(self.request):
            self.asked_too_often = True
            raise ValidationError(
                f"Too many reset links have been asked for from your connection. Try again in "
                f"{resets.window_minutes()} minutes, or ask your council's administrator.",
                code="asked_too_often",
            )
        return cleaned_data


class ChooseNewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.text("new_password1", field_width=20),
            Field.text("new_password2", field_width=20),
            Button("submit", "Set new password", data_prevent_double_click="true"),
        )
