# Wizard: report export, saved connectors, changes since the last run.

## Page Résultats : export et copie

ui-export-report = Exporter le rapport…
ui-export-report-help = Enregistrer ces résultats pour un ticket : page web (HTML), texte Markdown ou données JSON. L'extension du nom de fichier détermine le format.
ui-export-dialog-title = Exporter le rapport
ui-export-choosing = Choisissez l'emplacement du rapport dans la fenêtre qui vient de s'ouvrir.
ui-export-writing = Enregistrement du rapport dans { $path }…
ui-export-written = Rapport enregistré : { $path }
ui-export-failed = Le rapport n'a pas pu être enregistré dans { $path }.
ui-copy-markdown = Copier en Markdown
ui-copy-markdown-help = Placer un rapport court dans le presse-papiers, prêt à coller dans un ticket.
ui-copy-done = Le rapport est dans le presse-papiers, au format Markdown. Collez-le dans le ticket.

## Page Résultats : changements depuis la dernière exécution

ui-changes-title = Changements depuis la dernière exécution
ui-changes-since = Comparaison avec l'exécution du { $when }.
ui-changes-loading = Recherche de la dernière exécution de ce connecteur…
ui-changes-first-run = Première exécution de ce connecteur : il n'y a encore rien à comparer. La prochaine exécution montrera ce qui a changé.
ui-changes-none = Rien n'a changé : chaque étape a donné le même résultat que la dernière fois.
ui-changes-not-kept = Cette exécution n'est pas allée jusqu'au bout : elle n'est ni comparée ni conservée dans l'historique.
ui-changes-no-history = Aucun dossier n'est disponible pour conserver l'historique : les exécutions ne peuvent pas être comparées.
ui-changes-lookup-failed = Impossible de lire l'historique : { $error }
ui-changes-record-failed = Cette exécution n'a pas pu être conservée dans l'historique : { $error }
ui-changes-better = Amélioration
ui-changes-worse = Dégradation
ui-changes-neutral = Changement

## Page Connecteur : connecteurs enregistrés

ui-saved-title = Connecteurs enregistrés
ui-saved-help = Conservez ce connecteur sous un nom pour le tester de nouveau plus tard, ou importez-en un depuis Exchange Online.
ui-saved-no-dir = Aucun dossier de configuration n'est disponible : impossible d'enregistrer des connecteurs sur cet ordinateur. L'import et l'export restent possibles.
ui-saved-save-as = Enregistrer le connecteur actuel sous
ui-saved-name-hint = Nom du connecteur enregistré
ui-saved-save = Enregistrer
ui-saved-name-needed = Saisissez d'abord un nom pour le connecteur enregistré.
ui-saved-replace-question = Un connecteur enregistré s'appelle déjà « { $name } ». Le remplacer par le formulaire actuel ?
ui-saved-replace = Remplacer
ui-saved-cancel = Annuler
ui-saved-loading = Lecture des connecteurs enregistrés…
ui-saved-empty = Aucun connecteur n'a encore été enregistré.
ui-saved-summary = { $hosts } · enregistré le { $when }
ui-saved-uses-mx = utilise les enregistrements MX du domaine du destinataire
ui-saved-no-host = aucun hôte pour l'instant
ui-saved-load = Charger
ui-saved-load-name = Charger « { $name } » dans le formulaire
ui-saved-rename = Renommer
ui-saved-rename-name = Renommer « { $name } »
ui-saved-new-name = Nouveau nom pour « { $name } »
ui-saved-rename-confirm = Renommer « { $name } » maintenant
ui-saved-delete = Supprimer
ui-saved-delete-name = Supprimer « { $name } »
ui-saved-delete-question = Supprimer le connecteur enregistré « { $name } » ? Le formulaire reste tel quel.
ui-saved-delete-confirm = Oui, supprimer « { $name } »
ui-saved-keep = Le garder
ui-saved-done-saved = Enregistré sous « { $name } ».
ui-saved-done-renamed = « { $old } » s'appelle désormais « { $new } ».
ui-saved-done-deleted = « { $name } » a été supprimé.
ui-saved-done-loaded = « { $name } » est maintenant dans le formulaire.
ui-saved-done-imported = « { $name } » a été importé dans le formulaire. Vérifiez-le, puis enregistrez-le si vous voulez le garder.
ui-saved-done-imported-unnamed = Un connecteur sans nom a été importé dans le formulaire. Vérifiez-le, puis donnez-lui un nom pour l'enregistrer.
ui-saved-done-exported = Connecteur exporté : { $path }
ui-saved-export-failed = Le connecteur n'a pas pu être exporté.
ui-saved-undo = Annuler le chargement
ui-saved-undo-help = Remet le formulaire exactement dans l'état où il était.
ui-saved-undone = Le formulaire est revenu à son état précédent.
ui-saved-notes-title = À lire avant de lancer : une partie des réglages importés n'a pas pu être reprise telle quelle.
ui-saved-problems-title = Certains connecteurs enregistrés n'ont pas pu être lus. Ils ont été mis de côté, sans modification :
ui-saved-import-file = Importer un fichier de connecteur…
ui-saved-import-file-help = Un fichier exporté par cet outil, ou la sortie de Get-OutboundConnector | ConvertTo-Json enregistrée dans un fichier.
ui-saved-import-dialog = Importer un connecteur
ui-saved-filter-json = Fichier de connecteur (JSON)
ui-saved-export = Exporter ce connecteur…
ui-saved-export-help = Enregistrer le connecteur du formulaire dans un fichier qu'un collègue pourra importer.
ui-saved-export-dialog = Exporter le connecteur
ui-saved-import-empty = Le fichier ne contient aucun connecteur.
ui-saved-import-choose = Ce fichier contient { $count } connecteurs. Choisissez celui à placer dans le formulaire :
ui-saved-unnamed = (sans nom)
ui-saved-paste = Coller la sortie de Get-OutboundConnector
ui-saved-paste-help = Dans Exchange Online PowerShell, exécutez Get-OutboundConnector "Nom" | ConvertTo-Json et collez ci-dessous ce qui s'affiche. Le contenu d'un fichier de connecteur convient aussi.
ui-saved-paste-field = JSON à importer
ui-saved-paste-import = Importer le texte collé
ui-saved-paste-empty = Collez d'abord le JSON dans la zone de texte.
ui-saved-paste-invalid = Le texte collé n'est pas un connecteur que cet outil sait lire.

# « Relancer jusqu'à la réussite » : les changements d'une passe sont depuis la passe précédente.
ui-changes-title-round = Changements depuis la passe précédente
ui-changes-since-round = Comparaison avec la passe précédente, exécutée le { $when }.
