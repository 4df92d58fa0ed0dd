package io.leadbridge.account.web;

import io.leadbridge.account.AccountManagement.SignUp;
import io.leadbridge.text.EmailAddresses;
import io.leadbridge.text.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;

/** The sign-up form: a new workspace and its first admin. */
public class SignupForm {

    @NotBlank(message = "{validation.required}")
    @Size(max = 120, message = "{validation.size.max}")
    @PlainText
    private String workspaceName;

    @NotBlank(message = "{validation.required}")
    @Size(max = 120, message = "{validation.size.max}")
    @PlainText
    private String name;

    @NotBlank(message = "{validation.required}")
    @Size(max = 254, message = "{validation.size.max}")
    @Pattern(regexp = EmailAddresses.REGEX_OR_BLANK, message = "{validation.email}")
    @PlainText
    private String email;

    @NotBlank(message = "{validation.required}")
    @Size(min = 12, max = 128, message = "{validation.password.length}")
    @NotCommonPassword
    private String password;

    SignUp toCommand(Locale locale) {
        return new SignUp(workspaceName.strip(), name.strip(), email.strip(), password, locale);
    }

    public String getWorkspaceName() {
        return workspaceName;
    }

    public void setWorkspaceName(String workspaceName) {
        this.workspaceName = workspaceName;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
