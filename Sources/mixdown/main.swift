import MixdownDocs
print("mixdown")
