/* The recovery passwords page: copy to the clipboard and the digit-by-digit reading, both without a request; with
   the passwords hidden, Show password asks the server to record the click (amsRecordReveal, a p:remoteCommand
   sending the request number and the key ID) and shows that key once it has. */
document.addEventListener('click', function (event) {
    var reveal = event.target.closest('.ams-reveal');
    if (reveal) {
        var shown = reveal.closest('.ams-key');
        reveal.disabled = true;
        amsRecordReveal([{name: 'requestNumber', value: shown.getAttribute('data-request')},
            {name: 'keyId', value: shown.getAttribute('data-key-id')}]);
        return;
    }
    var copy = event.target.closest('.ams-copy');
    if (copy) {
        var done = function (label) {
            copy.textContent = label;
            setTimeout(function () { copy.textContent = 'Copy'; }, 3000);
        };
        var select = function () {
            // No clipboard API (plain HTTP from another machine): select the digits for Ctrl+C instead.
            window.getSelection().selectAllChildren(copy.closest('.ams-key').querySelector('.ams-password'));
            done('Press Ctrl+C');
        };
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(copy.getAttribute('data-password')).then(function () {
                done('Copied');
            }, select);
        } else {
            select();
        }
        return;
    }
    var speak = event.target.closest('.ams-speak');
    if (speak) {
        var spoken = speak.closest('.ams-key').querySelector('.ams-spoken');
        spoken.hidden = !spoken.hidden;
        speak.setAttribute('aria-expanded', String(!spoken.hidden));
        speak.textContent = spoken.hidden ? 'Read out digit by digit' : 'Hide the reading';
    }
});

/* The answer to amsRecordReveal: the key the server recorded is shown; after a refusal (the page's messages say why)
   or a lost connection the Show password buttons can be pressed again. */
function amsRevealed(xhr, status, args) {
    var revealed = args && args.revealedKeyId;
    document.querySelectorAll('.ams-key[data-request]').forEach(function (key) {
        if (!revealed) {
            key.querySelector('.ams-reveal').disabled = false;
        } else if (key.getAttribute('data-key-id') === revealed) {
            key.querySelector('.ams-key-reveal').hidden = true;
            key.querySelector('.ams-key-secret').hidden = false;
            key.querySelector('.ams-qr-box').hidden = false;
        }
    });
}
