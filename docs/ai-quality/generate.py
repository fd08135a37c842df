#!/usr/bin/env python3
"""Writes the labelled AI-quality dataset (tickets.jsonl) from the problem catalogue below.

Each problem is one real-world situation of one tenant, with its gold category, priority, team and
resolution, and several ways customers describe it. Tickets are drawn from those descriptions with
filled-in details, typos and, where customers of that tenant would, other languages or mixed
language. The split is fixed: every fourth ticket of a problem is held out for testing, and held-out
tickets are worded differently from the history: the last message of each problem (and, for half of
them, the last subject) is only ever used for held-out tickets, so a model must recognise a
paraphrase, not a sentence it has seen.
Run: python3 docs/ai-quality/generate.py > docs/ai-quality/tickets.jsonl
"""
import json
import random

RNG = random.Random(20261205)

# tenant -> list of problems: (problem id, category, priority, team, subjects, bodies, resolution)
CATALOGUE = {
    "acme-shop": [
        ("parcel-late", "shipping", "NORMAL", "logistics",
         ["Where is my order {order}?", "Parcel still not here", "Delivery late", "Order {order} not delivered yet",
          "Wo bleibt meine Bestellung {order}?"],
         ["I ordered on {date} and the tracking page has not moved for a week. When will it arrive?",
          "My package was supposed to come {date} but nothing showed up. Tracking says in transit.",
          "Still waiting for order {order}. The courier never came and no one answers the phone.",
          "Hallo, meine Bestellung {order} ist seit dem {date} unterwegs und kommt nicht an. Bitte um Hilfe.",
          "It's been ten days since you shipped and I have no parcel. Can you check with the carrier?"],
         "Checked with the carrier: the parcel was held at the regional depot. It is now out for delivery; if it has not arrived within two working days we send a replacement free of charge."),
        ("parcel-damaged", "shipping", "HIGH", "logistics",
         ["Item arrived broken", "Damaged delivery", "Box crushed, product broken", "Order {order} arrived damaged"],
         ["The box was crushed and the {product} inside is cracked. I want a replacement.",
          "My {product} arrived in pieces. The packaging was soaked and torn. Photos attached.",
          "Received order {order} today and the {product} is broken, this was a gift for tomorrow!!",
          "Paket kaputt angekommen, der {product} ist zerbrochen. Ich brauche Ersatz."],
         "Sorry about the damage. We have sent a replacement by express shipping at no cost; you do not need to return the broken item, please just keep the photos for the carrier claim."),
        ("refund-missing", "billing", "NORMAL", "payments",
         ["Refund not received", "Where is my refund?", "Return processed but no money back", "Refund for order {order}"],
         ["I returned the {product} on {date} and you confirmed receipt, but the refund of {amount} is not on my card.",
          "You said the refund was issued two weeks ago, my bank shows nothing.",
          "Still no refund for order {order}, {amount}. How long does this take?",
          "Devolví el pedido {order} hace dos semanas y todavía no tengo el reembolso de {amount}."],
         "The refund was issued to the original payment method; banks take 5-10 working days to show it. Here is the refund reference so your bank can trace it."),
        ("double-charge-shop", "billing", "HIGH", "payments",
         ["Charged twice", "Double payment for order {order}", "Two charges of {amount}", "Duplicate charge"],
         ["I paid once but my card was charged twice {amount} for the same order {order}.",
          "The checkout failed so I tried again and now I see two payments of {amount}.",
          "You took my money twice!! {amount} two times on {date}. Fix this now.",
          "Se me ha cobrado dos veces {amount} por el mismo pedido."],
         "The second charge was an authorization from the failed checkout; it was voided and disappears from your statement within a few days. Only one payment was captured."),
        ("voucher-invalid", "how-to", "LOW", "customer-care",
         ["Voucher code not working", "Discount code rejected", "How do I use my gift card?", "Promo code invalid"],
         ["At checkout the code {code} says invalid. It should give 10% off.",
          "How do I redeem a gift card? There is no field for it in the app.",
          "My discount code is rejected every time, does it only work on some products?",
          "Gutscheincode {code} funktioniert nicht im Warenkorb."],
         "Codes apply to full-price items only and must be entered on the payment step, not in the basket. Gift cards are redeemed under Payment method > Gift card."),
        ("site-checkout-error", "bug", "URGENT", "web",
         ["Checkout broken", "Cannot pay - error 500", "Payment page crashes", "Site error at checkout"],
         ["Every time I click pay the page shows error 500 and nothing happens.",
          "The checkout spins forever and then says something went wrong. Tried three browsers.",
          "Your payment page is down, I can't buy anything since this morning.",
          "Error at checkout, the button does nothing on mobile. Please fix asap"],
         "A faulty release of the payment page caused errors at checkout; it has been rolled back and payments work again. Your basket was saved, so you can complete the order now."),
        ("account-delete-shop", "account", "NORMAL", "customer-care",
         ["Delete my account", "Close my customer account", "Remove my data", "GDPR deletion request"],
         ["Please delete my account and all my personal data.",
          "I want to close my account, I no longer shop here.",
          "Under GDPR I request erasure of everything you store about me.",
          "Bitte löschen Sie mein Kundenkonto und alle Daten."],
         "Your account deletion has been scheduled; it completes within 30 days, after which order records we must keep by law are anonymised. You get a confirmation e-mail when it is done."),
        ("wishlist-share", "feature-request", "LOW", "product",
         ["Share wishlist", "Feature idea: wishlist for friends", "Can you add gift lists?", "Suggestion: price alerts"],
         ["It would be great if I could share my wishlist with family before my birthday.",
          "Please add a price alert so I get an email when something on my list gets cheaper.",
          "Idea: let me make a gift list that friends can buy from.",
          "Would love to be able to send my wishlist as a link."],
         "Thanks for the idea - we have added your vote to the wishlist sharing request our product team is planning for next quarter."),
    ],
    "cloudnote": [
        ("sso-loop", "login", "HIGH", "identity",
         ["SSO login loop", "Can't sign in with Okta", "Single sign-on redirects forever", "SAML login broken"],
         ["When I sign in with SSO it redirects back to the login page again and again.",
          "Our team can't log in through Okta since this morning, the SAML response is rejected.",
          "Login with Google Workspace loops endlessly, I'm stuck at the sign-in screen.",
          "SSO anmeldung geht nicht, endlosschleife beim login."],
         "The identity provider's signing certificate was rotated; an admin must upload the new certificate under Settings > Security > SSO. After that sign-in works again."),
        ("password-reset", "login", "NORMAL", "identity",
         ["Password reset email not arriving", "Forgot password", "Reset link expired", "Can't reset my password"],
         ["I asked for a password reset three times and no email came.",
          "The reset link says expired even though I clicked it immediately.",
          "Forgot my password and the reset mail never arrives, checked spam too.",
          "No me llega el correo para restablecer la contraseña."],
         "Reset mails were blocked by your mail filter; we re-sent the link from our verified domain. Links are valid for 30 minutes and only the latest one works."),
        ("sync-conflict", "bug", "HIGH", "sync",
         ["Notes not syncing", "Sync conflict lost my edits", "Changes disappear between devices", "Mobile app doesn't sync"],
         ["Edits I make on my laptop don't show up on my phone, and yesterday I lost a whole page.",
          "After editing offline the app said sync conflict and my changes are gone.",
          "Sync has been stuck at 'pending' for two days on the desktop app version {version}.",
          "Die Synchronisierung zwischen Handy und Laptop funktioniert nicht mehr."],
         "Version {version} had a sync bug with offline edits; update to the latest version. Lost edits are kept in Page history (... > History), where you can restore them."),
        ("api-rate-limit", "bug", "NORMAL", "platform",
         ["API returns 429", "Rate limited by API", "Too many requests error", "API throttling"],
         ["Our integration gets HTTP 429 after a few calls a minute.",
          "The REST API keeps saying too many requests although we send very few.",
          "Since {date} every export call fails with 429 rate limit exceeded.",
          "API error 429 on bulk import, how can we raise the limit?"],
         "Your workspace is on the Starter plan with 60 requests per minute; use the bulk endpoints or the Retry-After header. Business plans allow 600 per minute."),
        ("invoice-vat", "billing", "NORMAL", "billing",
         ["VAT missing on invoice", "Need invoice with company address", "Wrong invoice details", "Invoice for {month}"],
         ["Our invoice for {month} lacks our VAT number, our accountant needs it.",
          "Can you re-issue the invoice with our company name and address?",
          "The invoice shows the wrong country so VAT was charged incorrectly.",
          "Necesitamos la factura de {month} con el CIF de la empresa."],
         "Add the VAT number and billing address under Settings > Billing; all invoices, including past ones, are then re-issued with the correct details and reverse-charge VAT."),
        ("seat-overcharge", "billing", "HIGH", "billing",
         ["Charged for too many seats", "Billed for removed users", "Overcharged {amount}", "Subscription price went up"],
         ["We removed five users last month but were still billed for them, {amount} too much.",
          "Our bill jumped to {amount} although the team is smaller now.",
          "Why are we paying for 25 seats when we only have 20 members?",
          "Wir zahlen für Nutzer, die längst gelöscht sind."],
         "Deactivated members still held paid seats until the next renewal; we released the unused seats and credited {amount} to your account, applied to the next invoice."),
        ("export-how", "how-to", "LOW", "success",
         ["How to export notes?", "Export to PDF", "Backup my workspace", "Download all my data"],
         ["How can I export all my notes to PDF or Markdown?",
          "Is there a way to back up the whole workspace?",
          "I need to download everything before our audit, what's the easiest way?",
          "Como puedo exportar mis notas a PDF?"],
         "Go to Settings > Workspace > Export, choose Markdown or PDF and we e-mail a download link when the archive is ready."),
        ("dark-mode", "feature-request", "LOW", "product",
         ["Dark mode please", "Feature request: offline mode", "Add calendar integration", "Suggestion for templates"],
         ["Please add a dark mode, working at night hurts my eyes.",
          "Would be great to connect notes with Google Calendar events.",
          "Could you add more templates for meeting notes?",
          "Feature idea: full offline mode on the web app."],
         "Thanks - we have logged your vote; dark mode and calendar integration are both on our public roadmap."),
        ("workspace-owner", "account", "NORMAL", "success",
         ["Change workspace owner", "Transfer ownership", "Admin left the company", "Rename workspace"],
         ["Our admin left the company, how do we transfer ownership of the workspace?",
          "I need to make a colleague the owner before I leave.",
          "The only admin account is deactivated and nobody can change settings.",
          "Wie übertrage ich die Inhaberschaft des Workspace?"],
         "The current owner can transfer ownership under Settings > Members. If the owner is gone, send us a request from a company domain address and we verify and transfer it."),
    ],
    "northbank": [
        ("unknown-charge", "fraud", "URGENT", "disputes",
         ["Unknown transaction", "Charge I didn't make", "Fraud on my card", "Unrecognised payment of {amount}"],
         ["There is a charge from {merchant} of {amount} I never signed up for.",
          "I see a payment of {amount} to {merchant} on {date} that wasn't me. Is my card stolen?",
          "Someone used my card!! {amount} at {merchant}, I still have the card with me.",
          "Hay un cargo de {amount} de {merchant} que no reconozco.",
          "Unbekannte Abbuchung {amount} von {merchant} auf meiner Karte."],
         "We blocked the card and opened a dispute for the {merchant} charge; a new card is on its way. You are not liable for the fraudulent amount, and a provisional credit appears within 3 days."),
        ("card-declined", "bug", "HIGH", "cards",
         ["Card declined", "Payment refused at shop", "Card not working", "Declined although I have credit"],
         ["My card was declined at the supermarket although I have plenty of available credit.",
          "Online payments fail with 'card declined' since {date}.",
          "Card refused at the petrol station, embarrassing. What's wrong?",
          "Meine Karte wird abgelehnt obwohl genug Limit da ist."],
         "Our fraud checks paused the card after an unusual foreign transaction. It is active again; confirm such payments in the app next time and they go through at once."),
        ("statement-question", "billing", "NORMAL", "accounts",
         ["Question about my statement", "Interest charged?", "Why do I owe interest", "Minimum payment amount"],
         ["My statement shows interest of {amount} although I paid last month.",
          "Why is the minimum payment so high this month?",
          "I don't understand the fees on my {month} statement.",
          "Warum wurden mir Zinsen berechnet? Ich habe doch bezahlt."],
         "Interest applies when the full statement balance is not paid by the due date; last month a part was left open. Paying the full balance by the due date keeps purchases interest-free."),
        ("payment-not-applied", "billing", "HIGH", "accounts",
         ["Payment not showing", "I paid but balance unchanged", "Late fee although paid", "Transfer not credited"],
         ["I paid {amount} on {date} by bank transfer but my balance didn't change.",
          "You charged me a late fee but I paid on time!",
          "My payment of {amount} still isn't on the account after a week.",
          "Pagué {amount} el {date} y no aparece en mi cuenta."],
         "Bank transfers need the card reference in the payment reference; yours was missing, so it took longer to match. It is now applied with the original date and the late fee was reversed."),
        ("limit-increase", "account", "NORMAL", "credit",
         ["Credit limit increase", "Raise my limit", "Need a higher limit", "Limit too low"],
         ["Could you raise my credit limit to {amount}? I'm travelling next month.",
          "My limit is too low for my monthly spending, please increase it.",
          "How do I request a higher credit limit?",
          "Ich möchte mein Kreditlimit erhöhen."],
         "Limit increases are requested in the app under Card > Limit; we decide within one working day based on your payment history. We have pre-filled a request for you."),
        ("pin-reset", "login", "NORMAL", "cards",
         ["Forgot my PIN", "PIN blocked", "Reset card PIN", "Wrong PIN three times"],
         ["I forgot my PIN and entered it wrong three times, now it's blocked.",
          "How can I see or reset my card PIN?",
          "The ATM says PIN tries exceeded.",
          "Olvidé el PIN de mi tarjeta."],
         "You can view your PIN in the app under Card > Show PIN after signing in; the block is lifted automatically after you view it or at midnight."),
        ("app-login-bank", "login", "HIGH", "digital",
         ["Can't log into the app", "App login fails", "Two-factor code not arriving", "Locked out of online banking"],
         ["The app says my password is wrong although I just reset it.",
          "I don't receive the SMS code for login anymore.",
          "Locked out of online banking since the update to {version}.",
          "Kann mich nicht in der App anmelden, kein SMS Code."],
         "Your phone number changed and codes went to the old number; we updated it after verifying your identity. Sign in again and register the app as a trusted device."),
        ("card-abroad", "how-to", "LOW", "cards",
         ["Using my card abroad", "Travel notice", "Fees in foreign currency", "Does my card work in the US?"],
         ["I'm going to {country} next week, do I need to tell you?",
          "What fees do I pay when paying in foreign currency?",
          "Will my card work in {country}? Any charges for ATM withdrawals?",
          "Funktioniert meine Karte in {country}?"],
         "No travel notice is needed; the card works worldwide. Foreign currency payments carry a 1.5% fee, and cash withdrawals abroad 2% (min 3 EUR)."),
        ("virtual-card", "feature-request", "LOW", "product",
         ["Virtual card for online shopping", "Apple Pay support?", "Feature: spending categories", "Request: card freeze button"],
         ["Please offer virtual cards for online shopping.",
          "When will you support Apple Pay?",
          "It would help to see spending by category in the app.",
          "Could you add a button to freeze the card temporarily?"],
         "Thanks for the suggestion; virtual cards and mobile wallets launch this spring, and the card freeze button is already in the app under Card > Security."),
    ],
}

FILL = {
    "order": lambda: f"#{RNG.randint(100000, 999999)}",
    "date": lambda: RNG.choice(["Monday", "last Friday", "12 March", "the 3rd", "2 May", "yesterday"]),
    "amount": lambda: RNG.choice(["49.99 EUR", "12.50 EUR", "129.00 EUR", "€89", "$25.00", "310 EUR", "7.99 EUR"]),
    "product": lambda: RNG.choice(["coffee machine", "lamp", "phone case", "vase", "headphones", "monitor"]),
    "code": lambda: RNG.choice(["SPRING10", "WELCOME5", "VIP2026", "BLACKFRIDAY"]),
    "version": lambda: RNG.choice(["4.2.1", "4.3.0", "5.0.2", "3.9"]),
    "month": lambda: RNG.choice(["January", "February", "March", "April", "October"]),
    "merchant": lambda: RNG.choice(["STREAMFLIX", "QUICKRIDE", "GAMEPASS", "MEGASTORE ONLINE", "FOODDROP"]),
    "country": lambda: RNG.choice(["the US", "Japan", "Spain", "Thailand", "Canada"]),
}


def fill(text, values):
    for key, make in FILL.items():
        slot = "{" + key + "}"
        if slot in text:
            values.setdefault(key, make())
            text = text.replace(slot, values[key])
    return text


def typos(text, rate):
    """Drops, doubles or swaps letters, as hurried customers do."""
    out = []
    chars = list(text)
    i = 0
    while i < len(chars):
        c = chars[i]
        r = RNG.random()
        if c.isalpha() and r < rate:
            kind = RNG.choice(["drop", "double", "swap"])
            if kind == "drop":
                i += 1
                continue
            if kind == "double":
                out.append(c)
            elif kind == "swap" and i + 1 < len(chars) and chars[i + 1].isalpha():
                out.append(chars[i + 1])
                out.append(c)
                i += 2
                continue
        out.append(c)
        i += 1
    return "".join(out)


def draw(k, subjects, bodies, held_out):
    values = {}
    if held_out:
        subject = subjects[-1] if RNG.random() < 0.5 else RNG.choice(subjects[:-1])
        body = bodies[-1]
    else:
        subject = subjects[(k + RNG.randint(0, 9)) % (len(subjects) - 1)]
        body = bodies[(k * 3 + RNG.randint(0, 9)) % (len(bodies) - 1)]
    subject = fill(subject, values)
    body = fill(body, values)
    style = RNG.random()
    if style < 0.25:
        body = typos(body, 0.04)
        subject = typos(subject, 0.03)
    elif style < 0.35:
        body = body.lower().replace(".", "").replace("!", "")
    if RNG.random() < 0.2:
        body = RNG.choice(["Hi, ", "Hello team, ", "Hallo, ", "Hola, ", "Dear support, "]) + body
    if RNG.random() < 0.15:
        body += RNG.choice([" Thanks.", " Please help.", " Danke!", " Gracias.", " This is the second time I write."])
    return subject, body, values


def tickets():
    n = 0
    seen = set()
    for tenant, problems in CATALOGUE.items():
        for (pid, category, priority, team, subjects, bodies, resolution) in problems:
            for k in range(24):
                # No ticket repeats another word for word, so no test ticket is also a training one.
                held_out = k % 4 == 3
                for _ in range(50):
                    subject, body, values = draw(k, subjects, bodies, held_out)
                    if (subject, body) not in seen:
                        break
                seen.add((subject, body))
                n += 1
                yield {
                    "id": f"{tenant}-{n:04d}",
                    "tenant": tenant,
                    "split": "test" if held_out else "train",
                    "subject": subject,
                    "body": body,
                    "category": category,
                    "priority": priority,
                    "team": team,
                    "problem": pid,
                    "resolution": fill(resolution, values),
                }


if __name__ == "__main__":
    for t in tickets():
        print(json.dumps(t, ensure_ascii=False))
