package org.tokenyield.accounts.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.tokenyield.accounts.AccountService;
import org.tokenyield.accounts.ApiTokenService;
import org.tokenyield.accounts.CurrentAccount;
import org.tokenyield.accounts.Role;
import org.tokenyield.accounts.SignUp;
import org.tokenyield.system.ConflictException;
import org.tokenyield.system.NotFoundException;
import org.tokenyield.system.FormErrors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
class AccountPages {

	private final AccountService accounts;

	private final ApiTokenService tokens;

	private final CurrentAccount current;

	AccountPages(AccountService accounts, ApiTokenService tokens, CurrentAccount current) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.current = current;
	}

	@GetMapping("/login")
	String login() {
		return "login";
	}

	@GetMapping("/signup")
	String signupForm(Model model) {
		model.addAttribute("signUp", new SignUp("", "", ""));
		return "signup";
	}

	@PostMapping("/signup")
	String signup(@Valid @ModelAttribute("signUp") SignUp signUp, BindingResult result) {
		if (result.hasErrors() || !FormErrors.succeeded(result, null, () -> this.accounts.signUp(signUp))) {
			return "signup";
		}
		return "redirect:/login?registered";
	}

	@GetMapping("/account")
	String account(Model model) {
		var me = this.current.require();
		model.addAttribute("account", me);
		model.addAttribute("tokens", this.tokens.list(me.id()));
		return "account";
	}

	record TokenName(@NotBlank @Size(max = 80, message = "{text.at-most}") String name) {
	}

	@PostMapping("/account/tokens")
	String createToken(@Valid TokenName form, BindingResult result, Model model) {
		var me = this.current.require();
		if (!result.hasErrors()) {
			model.addAttribute("issued", this.tokens.issue(me.id(), form.name().trim()));
		}
		model.addAttribute("errors", FormErrors.byField(result));
		model.addAttribute("account", me);
		model.addAttribute("tokens", this.tokens.list(me.id()));
		return "account";
	}

	@PostMapping("/account/tokens/{id}/revoke")
	String revoke(@PathVariable long id) {
		this.tokens.revoke(this.current.require().id(), id);
		return "redirect:/account";
	}

	@GetMapping("/admin/accounts")
	String adminAccounts(Model model) {
		model.addAttribute("accounts", this.accounts.all());
		model.addAttribute("roles", Role.values());
		return "admin-accounts";
	}

	@PostMapping("/admin/accounts/{id}/role")
	String changeRole(@PathVariable long id, @RequestParam Role role, RedirectAttributes redirect) {
		return act(redirect, () -> {
			var changed = this.accounts.changeRole(id, role, this.current.require());
			return changed.username() + " is now " + changed.role();
		});
	}

	@PostMapping("/admin/accounts/{id}/enabled")
	String setEnabled(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
		return act(redirect, () -> {
			var changed = this.accounts.setEnabled(id, enabled, this.current.require());
			return changed.username() + (changed.enabled() ? " is enabled again"
					: " is disabled; its sessions end and its tokens stop working");
		});
	}

	@PostMapping("/admin/accounts/{id}/revoke")
	String revokeAccess(@PathVariable long id, RedirectAttributes redirect) {
		return act(redirect, () -> "Sessions ended and " + this.accounts.revokeAccess(id, this.current.require())
				+ " token(s) revoked");
	}

	private String act(RedirectAttributes redirect, java.util.function.Supplier<String> action) {
		try {
			redirect.addFlashAttribute("changed", action.get());
		}
		catch (ConflictException | NotFoundException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/admin/accounts";
	}

}
